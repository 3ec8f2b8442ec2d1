// Native only: the helper threads of parallelChunks, started on first use and kept, asleep between calls. Starting
// and joining a std::thread per call (three calls per training step) cost ~0.1 ms idle and far more on a busy
// machine, where a new thread waits for a core: more than a small model's whole kernel call.
//
// The job in progress is one 64-bit word, generation << 32 | chunks << 16 | next chunk. Threads claim a chunk by
// compare-and-swap on it, so a helper that wakes late (after its job ended, or during the next one) cannot claim a
// chunk of a job it did not see: a job's fields are rewritten only when every chunk of the previous one has been
// claimed and run. The chunk count lives in the word itself: read from the job's fields, a count that the next job
// had already written could make the last job look unfinished to a late helper, which would run a chunk of it
// with the next job's function.
#if !defined(__wasm__)
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "parallel.h"

namespace lstmkit {
namespace {

// A short spin before sleeping: waking a sleeping thread takes tens of microseconds, but on a busy machine a
// spinning thread takes the core from the very thread it waits for.
constexpr int kSpins = 1000;
// Chunk counts fit 16 bits of the job word; a job of more (none of the kernels' is) runs on the caller alone.
constexpr int kMaxChunks = 0xffff;

inline void pause() {
#if defined(__x86_64__) || defined(_M_X64)
  _mm_pause();
#else
  std::this_thread::yield();
#endif
}

class Pool {
 public:
  void run(int threads, int chunks, void (*fn)(void*, int), void* ctx) {
    FlushDenormals flush;
    const int helpers = std::min(threads, chunks) - 1;
    // One caller at a time (kernels called from two JS threads at once: the second runs on its own thread alone).
    std::unique_lock<std::mutex> caller(callerLock_, std::try_to_lock);
    if (helpers <= 0 || chunks > kMaxChunks || !caller.owns_lock()) {
      for (int c = 0; c < chunks; ++c) fn(ctx, c);
      return;
    }
    start(helpers);
    fn_ = fn;
    ctx_ = ctx;
    helpers_ = helpers;
    done_.store(0);
    const uint64_t generation = (state_.load() >> 32) + 1;
    {
      std::lock_guard<std::mutex> lock(sleepLock_);
      state_.store(generation << 32 | static_cast<uint64_t>(chunks) << 16);
    }
    wake_.notify_all();
    work(generation);
    for (int spin = 0; done_.load(std::memory_order_acquire) < chunks; ++spin) {
      if (spin < kSpins) {
        pause();
        continue;
      }
      std::unique_lock<std::mutex> lock(sleepLock_);
      finished_.wait_for(lock, std::chrono::milliseconds(1), [&] { return done_.load() >= chunks; });
    }
  }

 private:
  // Runs chunks of job `generation` until none is left to claim.
  void work(uint64_t generation) {
    uint64_t s = state_.load();
    while (s >> 32 == generation && (s & 0xffff) < ((s >> 16) & 0xffff)) {
      if (!state_.compare_exchange_weak(s, s + 1)) continue;
      // Claimed: this job cannot end (nor its fields change) before this chunk is done.
      const int chunks = static_cast<int>((s >> 16) & 0xffff);
      fn_(ctx_, static_cast<int>(s & 0xffff));
      if (done_.fetch_add(1) + 1 == chunks) {
        { std::lock_guard<std::mutex> lock(sleepLock_); }
        finished_.notify_one();
      }
      s = state_.load();
    }
  }

  void helperLoop(int index) {
    FlushDenormals flush;  // for the thread's whole life
    uint64_t seen = 0;
    for (;;) {
      uint64_t generation = state_.load() >> 32;
      for (int spin = 0; generation == seen; ++spin, generation = state_.load() >> 32) {
        if (spin < kSpins) {
          pause();
          continue;
        }
        std::unique_lock<std::mutex> lock(sleepLock_);
        wake_.wait(lock, [&] { return state_.load() >> 32 != seen; });
      }
      seen = generation;
      if (index < helpers_.load()) work(generation);  // a stale helpers_ only makes one thread more or fewer join
    }
  }

  // Starts helpers up to `n`. They are detached and never stopped: the pool lives until the process ends.
  void start(int n) {
    for (; started_ < n; ++started_) std::thread([this, i = started_] { helperLoop(i); }).detach();
  }

  std::mutex callerLock_, sleepLock_;
  std::condition_variable wake_, finished_;
  std::atomic<uint64_t> state_{0};
  std::atomic<int> done_{0};
  std::atomic<int> helpers_{0};
  // Written by the caller before it publishes a job, read by a helper only after it has claimed one of its chunks.
  void (*fn_)(void*, int) = nullptr;
  void* ctx_ = nullptr;
  int started_ = 0;
};

}  // namespace

void runChunks(int threads, int chunks, void (*fn)(void*, int), void* ctx) {
  static Pool* const pool = new Pool;  // never destroyed: its detached helpers may still be asleep at exit
  pool->run(threads, chunks, fn, ctx);
}

}  // namespace lstmkit
#endif
