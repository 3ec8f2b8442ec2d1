"""W1 on a GPU machine: lstmkit on webgpu (Dawn/Vulkan) with and without its WGSL kernels, and PyTorch's cuDNN LSTM.

LSTM(128) over the 28 rows of each MNIST image (28 features) -> Dense(10), Adam (lr 0.001), batch 128, shuffled,
on the 60,000 training images of the four MNIST IDX files in --mnist (as `pnpm w1`), tested on the 10,000.
With --lstmkit "COMMAND", that lstmkit command (which must print lstmkit's --json) runs first, in this same
command, so all figures come from one machine and one run; with --no-fused-epochs N it runs again with
`--no-fused --epochs N` (tfjs-layers' step-by-step cells instead of lstmkit's fused kernels; slower, so fewer
epochs: seconds per epoch compare). Prints one JSON line per engine, then the ratios of seconds per epoch.
Not run on a GPU by the project (no GPU machine was available): see docs/backends.md.
"""
import argparse, gzip, json, os, shlex, statistics, subprocess, time

import numpy as np
import torch
from torch import nn

p = argparse.ArgumentParser()
p.add_argument('--mnist', required=True, help='folder with the four MNIST IDX files (.gz or raw)')
p.add_argument('--epochs', type=int, default=5)
p.add_argument('--batch', type=int, default=128)
p.add_argument('--limit', type=int, default=0, help='use only this many training images (a quick check)')
p.add_argument('--device', default='cuda', help='cuda (cuDNN), or cpu to try the script without a GPU')
p.add_argument('--lstmkit', help='an lstmkit train command with --json, run first')
p.add_argument('--no-fused-epochs', type=int, default=0,
               help='also run the lstmkit command with --no-fused --epochs N (tfjs-layers cells, to compare)')
a = p.parse_args()


def idx(name):
    """One IDX file as a numpy array (the header gives the dimensions)."""
    for path in (os.path.join(a.mnist, name + '.gz'), os.path.join(a.mnist, name)):
        if os.path.exists(path):
            data = (gzip.open if path.endswith('.gz') else open)(path, 'rb').read()
            dims = data[3]
            shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], 'big') for i in range(dims)]
            return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)
    raise SystemExit(f'{name}(.gz) is not in {a.mnist}')


def lstmkit(command, label):
    """Runs an lstmkit train command with --json; its figures as one result row."""
    run = subprocess.run(shlex.split(command), capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f'lstmkit failed ({run.returncode}):\n{run.stderr[-4000:]}')
    k = json.loads(run.stdout)
    layers = k.get('recurrentLayers') or []
    kernels = sorted({r.get('kernel') or f"tfjs-layers cells ({r.get('reason')})" for r in layers})
    return {'engine': f"lstmkit {k['backend']}, {label}", 'recurrentLayers': ', '.join(kernels), 'device': k.get('device'),
            'secondsPerEpoch': round(k['secondsPerEpoch'], 2), 'epochSeconds': [round(e['seconds'], 2) for e in k['history']],
            'epochs': k['epochs'], 'trainSamples': k['trainSamples'], 'testAccuracy': k['testAccuracy']}


results = []
if a.lstmkit:
    results.append(lstmkit(a.lstmkit, 'fused kernels'))
    print(json.dumps(results[-1]), flush=True)
    if a.no_fused_epochs:
        results.append(lstmkit(f'{a.lstmkit} --no-fused --epochs {a.no_fused_epochs}', 'fused kernels off'))
        print(json.dumps(results[-1]), flush=True)

device = torch.device(a.device)
torch.backends.cudnn.enabled = True
torch.backends.cudnn.benchmark = True  # fixed shapes: let cuDNN pick its fastest LSTM algorithm once
torch.manual_seed(0)
x_train = torch.from_numpy(idx('train-images-idx3-ubyte').astype(np.float32) / 255)
y_train = torch.from_numpy(idx('train-labels-idx1-ubyte').astype(np.int64))
if a.limit:
    x_train, y_train = x_train[:a.limit], y_train[:a.limit]
x_test = torch.from_numpy(idx('t10k-images-idx3-ubyte').astype(np.float32) / 255).to(device)
y_test = torch.from_numpy(idx('t10k-labels-idx1-ubyte').astype(np.int64)).to(device)
x_train, y_train = x_train.to(device), y_train.to(device)


class Net(nn.Module):
    """Keras' W1 model: LSTM(128) (tanh, sigmoid gates), the last step's output -> Dense(10) (softmax in the loss)."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(28, 128, batch_first=True)
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.fc(out[:, -1])


net = Net().to(device)
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
sync = torch.cuda.synchronize if device.type == 'cuda' else (lambda: None)
n = x_train.shape[0]
epoch_seconds, step_ms = [], []
for epoch in range(a.epochs):
    order = torch.randperm(n, device=device)
    sync()
    start = time.perf_counter()
    for b in range(0, n, a.batch):
        i = order[b: b + a.batch]
        t0 = time.perf_counter() if b // a.batch % 50 == 10 else None  # a sample of steps, synchronised
        opt.zero_grad(set_to_none=True)
        loss_fn(net(x_train[i]), y_train[i]).backward()
        opt.step()
        if t0 is not None:
            sync()
            step_ms.append((time.perf_counter() - t0) * 1000)
    sync()
    epoch_seconds.append(time.perf_counter() - start)
with torch.no_grad():
    accuracy = float((net(x_test).argmax(1) == y_test).float().mean())
name = torch.cuda.get_device_name(device) if device.type == 'cuda' else 'CPU'
results.append({'engine': f'PyTorch {torch.__version__} {"cuDNN " + str(torch.backends.cudnn.version()) if device.type == "cuda" else "CPU"}',
                'device': name, 'secondsPerEpoch': round(statistics.mean(epoch_seconds), 2), 'epochSeconds': [round(s, 2) for s in epoch_seconds],
                'msPerStep': round(statistics.median(step_ms), 2) if step_ms else None, 'epochs': a.epochs, 'trainSamples': n, 'testAccuracy': round(accuracy, 4)})
print(json.dumps(results[-1]), flush=True)
torch_seconds = results[-1]['secondsPerEpoch']
ratios = {f"{r['engine']} / PyTorch": round(r['secondsPerEpoch'] / torch_seconds, 2) for r in results[:-1]}
if a.lstmkit and a.no_fused_epochs:
    ratios['fused kernels off / on'] = round(results[1]['secondsPerEpoch'] / results[0]['secondsPerEpoch'], 2)
if ratios:
    print(json.dumps({'secondsPerEpochRatios': ratios}))
