// The embedding worker's host on a Node worker_threads thread, with the real TransformersEmbedder
// (onnxruntime-node). Same WorkerHost and protocol as the browser entry; only the transport and
// the ONNX backend differ. `__exit`, `__throw` and `__freeze` simulate a crash, an uncaught
// error and a frozen worker for the client's failure handling.
import { parentPort } from 'node:worker_threads';
import { TransformersEmbedder } from '../../../src/embedding/transformers-embedder';
import { WorkerHost } from '../../../src/embedding/worker/host';
import { isClientMessage, toWireError, type WorkerMessage } from '../../../src/embedding/worker/protocol';

const port = parentPort!;
const post = (message: WorkerMessage, transfer: Transferable[] = []): void => port.postMessage(message, transfer as ArrayBuffer[]);

const host = new WorkerHost({
  post,
  heartbeatMs: 100,
  load: async (init, reader) => ({
    embedder: await TransformersEmbedder.load({ spec: init.spec, reader, dtype: init.dtype, runtime: { device: 'cpu' } }),
    backend: 'cpu',
  }),
});

process.on('unhandledRejection', (reason) => post({ type: 'fatal', error: toWireError(reason) }));

let throwOnNextRequest = false;

port.on('message', (message: unknown) => {
  const test = message as { type?: string; ms?: number };
  if (test.type === '__throwOnNextRequest') {
    throwOnNextRequest = true;
    return;
  }
  if (throwOnNextRequest && isClientMessage(message)) {
    // Dies with the request in hand, so the client must fail that request with the error.
    setTimeout(() => {
      throw new Error('injected uncaught error');
    });
    return;
  }
  if (test.type === '__exit') process.exit(3);
  if (test.type === '__throw') {
    setTimeout(() => {
      throw new Error('injected uncaught error');
    });
    return;
  }
  if (test.type === '__freeze') {
    const end = Date.now() + (test.ms ?? 1000);
    while (Date.now() < end) {
      // Busy: no heartbeats, no answers.
    }
    return;
  }
  if (isClientMessage(message)) host.handle(message);
});
