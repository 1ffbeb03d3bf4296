import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { models } from '@kg4rec/models';
import { describe, expect, it } from 'vitest';
import { readConfigFile, resolveTrainConfig, shippedConfigs } from '../index';

const scratch = () => mkdtempSync(join(tmpdir(), 'kg4rec-layers-'));

describe('resolveTrainConfig', () => {
  it('layers defaults < model layer < dataset layer < file < values < --set', async () => {
    const file = join(scratch(), 'run.yaml');
    writeFileSync(file, 'dataset: movielens-1m-kgat\nlr: 0.01\nepochs: 7\nmodel:\n  name: kgat\n  options:\n    dropout: 0.2\n');
    const config = await resolveTrainConfig({ file, values: { epochs: 3 }, sets: ['lr=0.02', 'model.options.layerDims=[8]'] });
    expect(config).toMatchObject({
      dataset: 'movielens-1m-kgat',
      split: 'given', // dataset layer
      validRatio: 0.1,
      epochs: 3, // value over file
      lr: 0.02, // --set over file
      patience: 5, // built-in default
      model: { name: 'kgat', options: { dim: 64, aggregator: 'bi-interaction', dropout: 0.2, layerDims: [8] } },
      plugins: [],
    });
    expect(readConfigFile(join(shippedConfigs(), 'model', 'kgat.yaml'))).toMatchObject({ model: { name: 'kgat' }, cfBatchSize: 1024 });
  });

  it('takes model: <name> for { name }, and checks model options against the model schema, naming the layer', async () => {
    expect((await resolveTrainConfig({ values: { dataset: 'x', model: 'bprmf' } })).model).toEqual({
      name: 'bprmf',
      options: { dim: 64, l2: 1e-5 },
    });
    const typo = resolveTrainConfig({ values: { dataset: 'x', model: 'kgat' }, sets: ['model.options.dimm=8'] });
    await expect(typo).rejects.toThrow('--set model.options.dimm=8: model.options: Unrecognized key: "dimm"; valid keys: dim, relationDim');
    const file = join(scratch(), 'run.json');
    writeFileSync(file, JSON.stringify({ dataset: 'x', model: { name: 'cke', options: { layerDims: [8] } } }));
    await expect(resolveTrainConfig({ file })).rejects.toThrow(`${file}: model.options: Unrecognized key: "layerDims"`);
    await expect(resolveTrainConfig({ values: { dataset: 'x', model: 'kgat' }, sets: ['model.options.dim=0'] })).rejects.toThrow(
      '--set model.options.dim=0: model.options.dim: Too small',
    );
    await expect(resolveTrainConfig({ values: { dataset: 'x', model: 'lightgcn' } })).rejects.toThrow("unknown model 'lightgcn'");
  });

  it('imports the plugins a config file names, relative to the file, before it checks the model', async () => {
    const dir = scratch();
    const plugin = join(dir, 'my-model.mjs');
    writeFileSync(
      plugin,
      "export default ({ models }) => { const kgat = models.get('kgat'); models.register({ ...kgat, name: 'kgat-from-plugin' }); };\n",
    );
    const file = join(dir, 'run.yaml');
    writeFileSync(file, 'dataset: x\nplugins: [./my-model.mjs]\nmodel:\n  name: kgat-from-plugin\n  options:\n    dim: 8\n');
    const config = await resolveTrainConfig({ file });
    expect(config.plugins).toEqual([plugin]);
    expect(config.model).toEqual({ name: 'kgat-from-plugin', options: { dim: 8 } });
    expect(models.has('kgat-from-plugin')).toBe(true);
    await resolveTrainConfig({ file }); // imported once: no second registration
    await expect(resolveTrainConfig({ values: { dataset: 'x' }, plugins: ['./no-such-plugin.mjs'] })).rejects.toThrow(
      /plugin .*no-such-plugin\.mjs: cannot import it/,
    );
    models.unregister('kgat-from-plugin');
  });
});
