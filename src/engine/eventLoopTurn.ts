/**
 * One turn of the event loop. Backends whose reads resolve at once (cpu, wasm) would otherwise
 * keep a whole sweep or check in microtasks, where neither a cancel message (in the worker) nor
 * a signal (SIGINT in the CLI) is seen until it ends. Call it between calls, outside any timed
 * region.
 */
export const eventLoopTurn = (): Promise<void> =>
  new Promise((done) => {
    if (typeof setImmediate === 'function') return void setImmediate(done);
    // A message rather than setTimeout(0), which browsers clamp to 4 ms when chained.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      done();
    };
    channel.port2.postMessage(null);
  });
