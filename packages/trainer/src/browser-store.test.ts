// IndexedDB in Node: fake-indexeddb (an in-memory implementation of the IndexedDB API, from npm), and tfjs told it
// runs in a worker so that it registers its indexeddb:// handler. The real browser is tested by the web app.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';

Object.assign(globalThis, { self: globalThis, WorkerGlobalScope: class {} });
// Imported after the globals above, so tfjs-core sees a browser-like environment when it loads.
const { useBackend } = await import('./backends/registry.js');
const { deleteBrowserModel, listBrowserModels, loadBrowserModel, saveModelToBrowser } = await import('./browser-store.js');
const { forwardPass } = await import('./evaluate.js');
const { smallModel, smallModelRecord } = await import('./test-helpers.js');
const { tf } = await import('./tf.js');

const META = smallModelRecord(4, 5);

beforeAll(async () => {
  await useBackend('cpu');
});

describe('models kept in the browser (IndexedDB)', () => {
  it('saves, lists, loads with the same predictions and record, and deletes', async () => {
    expect(tf.env().getBool('IS_BROWSER')).toBe(true);
    const model = smallModel(4, 5);
    const info = await saveModelToBrowser('digits a', model, { ...META, metrics: { testAccuracy: 0.5 } });
    expect(info).toMatchObject({ name: 'digits a', url: 'indexeddb://lstmkit/digits a', weightBytes: model.countParams() * 4 });
    await saveModelToBrowser('another', smallModel(4, 6), META);
    const list = await listBrowserModels();
    expect(list.map((m) => m.name)).toEqual(['another', 'digits a']);
    expect(list[1]!.metadata).toMatchObject({ format: 'lstmkit-model', spec: META.spec, metrics: { testAccuracy: 0.5 }, backend: 'cpu' });
    // Kept in tfjs' own store too: plain tfjs lists it.
    expect(Object.keys(await tf.io.listModels()).sort()).toEqual(['indexeddb://lstmkit/another', 'indexeddb://lstmkit/digits a']);

    const x = { name: 't', source: 't', x: Float32Array.from({ length: 2 * 784 }, (_, i) => (i % 7) / 7), shape: [2, 28, 28] as const, y: new Int32Array(2), task: 'multiclass' as const };
    const loaded = await loadBrowserModel('digits a');
    expect(Array.from((await forwardPass(loaded.model, x)).outputs)).toEqual(Array.from((await forwardPass(model, x)).outputs));
    expect(loaded.metadata).toEqual(list[1]!.metadata);

    expect(await deleteBrowserModel('digits a')).toBe(true);
    expect(await deleteBrowserModel('digits a')).toBe(false);
    expect((await listBrowserModels()).map((m) => m.name)).toEqual(['another']);
    await expect(loadBrowserModel('digits a')).rejects.toThrow('indexeddb://lstmkit/digits a: no model of this name is kept in this browser');
  });

  it('refuses a model with non-finite weights and a bad name, keeping nothing', async () => {
    const model = smallModel(4, 7);
    const dense = model.getLayer('dense');
    dense.setWeights([dense.getWeights()[0]!, tf.fill([10], NaN)]);
    await expect(saveModelToBrowser('broken', model, META)).rejects.toThrow(/broken: not saved: weight "dense\/bias" holds NaN/);
    await expect(saveModelToBrowser(' ', model, META)).rejects.toThrow('name: " ": expected a non-empty model name');
    expect((await listBrowserModels()).map((m) => m.name)).not.toContain('broken');
    expect(Object.keys(await tf.io.listModels())).not.toContain('indexeddb://lstmkit/broken');
  });
});
