"""PyTorch CPU side of `pnpm bench:train`: the W1 model (or its GRU / bidirectional variant, or W4's SimpleRNN(32, relu)
baseline) on the same digits.

Prints one JSON line: median ms per train step (forward + backward + Adam), peak RSS, the BLAS library torch
loaded, and, with --epochs, test accuracy after that many epochs. Run by bench/train.mjs with Debian's
/usr/bin/python3 (python3-torch); needs libopenblas0-pthread for a fair baseline (see bench/README.md).
"""
import argparse, json, resource, statistics, time

import numpy as np
import torch
from torch import nn

p = argparse.ArgumentParser()
p.add_argument('--data', required=True)
p.add_argument('--model', default='vanilla', choices=['vanilla', 'gru', 'bidirectional', 'rnn'])
p.add_argument('--batch', type=int, default=128)
p.add_argument('--steps', type=int, default=40)
p.add_argument('--threads', type=int, default=1)
p.add_argument('--epochs', type=int, default=0)
p.add_argument('--device', default='cpu', help='cpu, or cuda for the cuDNN LSTM on a GPU machine')
a = p.parse_args()

torch.set_num_threads(a.threads)
torch.manual_seed(0)
load = lambda name, dtype: np.fromfile(f'{a.data}/{name}', dtype=dtype)
x_train = torch.from_numpy(load('train-x.f32', np.float32).reshape(-1, 28, 28))
y_train = torch.from_numpy(load('train-y.u8', np.uint8).astype(np.int64))
x_test = torch.from_numpy(load('test-x.f32', np.float32).reshape(-1, 28, 28))
y_test = torch.from_numpy(load('test-y.u8', np.uint8).astype(np.int64))


class Net(nn.Module):
    """LSTM(128) (or GRU, or bidirectional LSTM with Keras' concat of the last outputs, or SimpleRNN(32, relu)) -> Dense(10)."""

    def __init__(self):
        super().__init__()
        self.bi = a.model == 'bidirectional'
        self.units = 32 if a.model == 'rnn' else 128
        if a.model == 'rnn':
            self.rnn = nn.RNN(28, 32, nonlinearity='relu', batch_first=True)
        else:
            self.rnn = (nn.GRU if a.model == 'gru' else nn.LSTM)(28, 128, batch_first=True, bidirectional=self.bi)
        self.fc = nn.Linear(2 * self.units if self.bi else self.units, 10)

    def forward(self, x):
        out, _ = self.rnn(x)
        u = self.units
        last = torch.cat([out[:, -1, :u], out[:, 0, u:]], 1) if self.bi else out[:, -1]
        return self.fc(last)


dev = torch.device(a.device)
x_train, y_train, x_test, y_test = (t.to(dev) for t in (x_train, y_train, x_test, y_test))
net = Net().to(dev)
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()


def step(xb, yb):
    opt.zero_grad()
    loss = loss_fn(net(xb), yb)
    loss.backward()
    opt.step()
    return loss


times = []
n = x_train.shape[0]
for i in range(a.steps + 3):
    idx = (torch.arange(i * a.batch, (i + 1) * a.batch) % n).to(dev)
    t = time.perf_counter()
    step(x_train[idx], y_train[idx])
    if dev.type == 'cuda':
        torch.cuda.synchronize()
    times.append((time.perf_counter() - t) * 1000)
result = {'msPerStep': statistics.median(times[3:]), 'steps': a.steps}

if a.epochs:
    net = Net().to(dev)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(0)
    for _ in range(a.epochs):
        perm = torch.randperm(n, generator=g)
        for s in range(0, n, a.batch):
            idx = perm[s:s + a.batch].to(dev)
            step(x_train[idx], y_train[idx])
    with torch.no_grad():
        result['accuracy'] = (net(x_test).argmax(1) == y_test).float().mean().item()

with open('/proc/self/maps') as maps:
    libs = sorted({line.split()[-1].split('/')[-1] for line in maps if 'blas' in line.lower()})
result['blas'] = ', '.join(libs) or 'none found'
result['torch'] = torch.__version__
result['device'] = torch.cuda.get_device_name() if dev.type == 'cuda' else 'cpu'
result['maxRssMB'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
