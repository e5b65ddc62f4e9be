// The worker-side message handler in-process, with the real TransformersEmbedder: every request
// gets exactly one answer, errors become messages, a queued request can be cancelled.
import { afterEach, describe, expect, it } from 'vitest';
import { resolveModelSpec } from '../../../src/core/embedding/models';
import { directoryReader } from '../../../src/embedding/node/directory-reader';
import { TransformersEmbedder } from '../../../src/embedding/transformers-embedder';
import { WorkerHost } from '../../../src/embedding/worker/host';
import type { ClientMessage, WorkerMessage } from '../../../src/embedding/worker/protocol';
import { fixtureModelDir } from '../fixtures';

let hosts: WorkerHost[] = [];
afterEach(async () => {
  for (const h of hosts) await h.close();
  hosts = [];
});

function harness(): { host: WorkerHost; sent: WorkerMessage[]; next(type: WorkerMessage['type'], id?: number): Promise<WorkerMessage> } {
  const sent: WorkerMessage[] = [];
  const reader = directoryReader(fixtureModelDir('tiny-random-bert'));
  const host: WorkerHost = new WorkerHost({
    heartbeatMs: 60_000,
    post: (message) => {
      sent.push(message);
      // Answer file requests like the main thread would.
      if (message.type === 'file-request') {
        void reader.read(message.file).then((bytes) => host.handle({ type: 'file', id: message.id, bytes: bytes ? (bytes.slice().buffer) : null }));
      }
    },
    load: async (init, files) => ({ embedder: await TransformersEmbedder.load({ spec: init.spec, reader: files, dtype: init.dtype }), backend: 'cpu' }),
  });
  hosts.push(host);
  const next = async (type: WorkerMessage['type'], id?: number): Promise<WorkerMessage> => {
    for (;;) {
      const found = sent.find((m) => m.type === type && (id === undefined || ('id' in m && m.id === id)));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { host, sent, next };
}

const init = (id: number): ClientMessage => ({ type: 'init', id, spec: resolveModelSpec('tiny-random-bert'), dtype: 'q8', device: 'auto', source: 'test folder' });

describe('WorkerHost', () => {
  it('answers a request sent before init with an error message, not an exception', async () => {
    const { host, next } = harness();
    host.handle({ type: 'embed', id: 1, texts: ['x'], kind: 'query' });
    expect(await next('error', 1)).toMatchObject({ error: { message: expect.stringMatching(/no model loaded/) } });
  });

  it('loads through file requests, then answers embed and count requests', async () => {
    const { host, sent, next } = harness();
    host.handle(init(1));
    host.handle({ type: 'embed', id: 2, texts: ['nota', 'pasta'], kind: 'passage' });
    host.handle({ type: 'count', id: 3, texts: ['nota'], kind: 'passage' });
    expect(await next('ready', 1)).toMatchObject({ info: { dims: 32 }, backend: 'cpu' });
    const vectors = (await next('vectors', 2)) as Extract<WorkerMessage, { type: 'vectors' }>;
    expect(vectors.vectors.map((v) => v.length)).toEqual([32, 32]);
    expect(await next('counts', 3)).toMatchObject({ counts: [expect.any(Number)] });
    expect(sent.filter((m) => m.type === 'file-request').map((m) => (m as { file: string }).file)).toEqual(
      expect.arrayContaining(['config.json', 'tokenizer.json', 'onnx/model_quantized.onnx']),
    );
  });

  it('cancels a request that has not started: it is answered with AbortError', async () => {
    const { host, next } = harness();
    host.handle(init(1));
    host.handle({ type: 'embed', id: 2, texts: ['nota'], kind: 'passage' });
    host.handle({ type: 'cancel', id: 2 });
    expect(await next('error', 2)).toMatchObject({ error: { name: 'AbortError' } });
    await next('ready', 1);
  });

  it('reports a failed load as an error for init', async () => {
    const { host, next } = harness();
    host.handle({ ...init(1), dtype: 'fp32', spec: resolveModelSpec('tiny-random-bert', { dims: 5 }) } as ClientMessage);
    expect(await next('error', 1)).toMatchObject({ error: { name: 'ModelLoadError', message: expect.stringMatching(/from test folder: it produces 32-dimensional vectors/) } });
  });
});
