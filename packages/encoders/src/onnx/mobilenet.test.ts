import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataRoot } from '@kg4rec/kg';
import { afterAll, describe, expect, it } from 'vitest';
import { IMAGENET_MEAN, IMAGENET_STD, type PreprocessedImage, preprocessImage } from '../image/preprocess';
import { TINY_MOBILENET_SCALE, tinyMobilenetModel } from '../testing/tiny-mobilenet';
import { dot, l2Normalize } from '../vectors';
import { sha256Hex } from './hashes';
import { defaultMobilenetPath, loadMobilenet, MOBILENET_V2_INT8 } from './mobilenet';

const scratch = mkdtempSync(join(tmpdir(), 'kg4rec-mobilenet-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeModel(name: string, bytes: Uint8Array): string {
  const file = join(scratch, name);
  writeFileSync(file, bytes);
  return file;
}

function image(seed: number, size = 8): PreprocessedImage {
  return { rgb: Uint8Array.from({ length: size * size * 3 }, (_, i) => (i * 37 + seed * 101) % 256), size };
}

/** The tiny model's pooled features in plain JS: per-channel means of the normalised pixels. */
function referencePool(input: PreprocessedImage): Float32Array {
  const plane = input.size * input.size;
  return l2Normalize(
    Float32Array.from([0, 1, 2], (c) => {
      let sum = 0;
      for (let p = 0; p < plane; p++)
        sum += ((input.rgb[3 * p + c] as number) / 255 - (IMAGENET_MEAN[c] as number)) / (IMAGENET_STD[c] as number);
      return sum / plane;
    }),
  );
}

describe('MobileNet over onnxruntime-node, with a tiny model of its signature', () => {
  const bytes = tinyMobilenetModel();
  const file = writeModel('tiny.onnx', bytes);

  it('reads the quantized pooled tensor as L2-normalised rows, with the image size from the input', async () => {
    const encoder = await loadMobilenet(file, { sha256: sha256Hex(bytes) });
    try {
      expect(encoder.dim).toBe(3);
      expect(encoder.imageSize).toBe(8);
      expect(encoder.id).toBe(`mobilenet-v2-pooled-${sha256Hex(bytes).slice(0, 16)}`);
      const images = [image(1), image(2)];
      const rows = await encoder.encode(images);
      rows.forEach((row, i) => {
        const expected = referencePool(images[i] as PreprocessedImage);
        row.forEach((v, d) => {
          expect(Math.abs(v - (expected[d] as number))).toBeLessThan(4 * TINY_MOBILENET_SCALE);
        });
      });
      expect((await encoder.classify(images))[0]).toHaveLength(5);
      await expect(encoder.encode([image(1, 16)])).rejects.toThrow(/takes 8×8 images, got 16×16/);
    } finally {
      await encoder.dispose();
    }
  });

  it('a folder holding the published file name is found; a sha256 that differs is named', async () => {
    const folder = join(scratch, 'folder');
    mkdirSync(folder);
    writeFileSync(join(folder, MOBILENET_V2_INT8.file), bytes);
    await expect(loadMobilenet(folder)).rejects.toThrow(
      new RegExp(`sha256 ${sha256Hex(bytes)} differs from the expected ${MOBILENET_V2_INT8.sha256}`),
    );
    const encoder = await loadMobilenet(folder, { sha256: false });
    await encoder.dispose();
  });

  it('a graph without the pooled tensor, a missing file and a non-ONNX file are clear errors', async () => {
    const wrong = writeModel('wrong.onnx', tinyMobilenetModel({ pooled: 'pool_q' }));
    await expect(loadMobilenet(wrong, { sha256: false })).rejects.toThrow(/no tensor '464_quantized'/);
    await expect(loadMobilenet(wrong, { sha256: false, input: 'pixels' })).rejects.toThrow(/no input 'pixels' \(it has 'input'\)/);
    await expect(loadMobilenet(join(scratch, 'absent'))).rejects.toThrow(/no MobileNetV2 model here; expected mobilenetv2-12-int8.onnx/);
    const junk = writeModel('junk.onnx', Uint8Array.of(1, 2, 3, 255, 255));
    await expect(loadMobilenet(junk, { sha256: false })).rejects.toThrow(/junk.onnx/);
  });
});

const published = defaultMobilenetPath();
const posters = join(dataRoot(), 'movielens-1m', 'posters');

describe.skipIf(!existsSync(join(published, MOBILENET_V2_INT8.file)) || !existsSync(posters))(
  'the published MobileNetV2 on real posters',
  () => {
    it('classifies a poster the same way on every load and puts the Star Wars sequels closer than Toy Story', async () => {
      const images = await Promise.all([260, 1196, 1].map((id) => preprocessImage(join(posters, `${id}.jpg`), 224)));
      const tops: number[] = [];
      for (let load = 0; load < 2; load++) {
        const encoder = await loadMobilenet(published, { providers: ['cpu'] });
        try {
          expect(encoder.dim).toBe(1280);
          const [logits] = await encoder.classify(images.slice(0, 1));
          tops.push((logits as Float32Array).indexOf(Math.max(...(logits as Float32Array))));
          if (load === 1) {
            const [starWars, empire, toyStory] = (await encoder.encode(images)) as [Float32Array, Float32Array, Float32Array];
            expect(dot(starWars, empire)).toBeGreaterThan(dot(starWars, toyStory));
            expect(dot(starWars, empire)).toBeGreaterThan(dot(empire, toyStory));
          }
        } finally {
          await encoder.dispose();
        }
      }
      expect(tops[1]).toBe(tops[0]);
    });
  },
);
