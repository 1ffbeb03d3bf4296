import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedRoot } from '@kg4rec/kg';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { CLIP_STD, clipPixels, preprocessImage, resizedSize, roundHalfEven } from './preprocess';

const fixtures = join(sharedRoot(), 'fixtures', 'clip');
const scratch = mkdtempSync(join(tmpdir(), 'kg4rec-img-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Mean absolute difference of two normalised CLIP tensors, in 0–255 pixel units. */
function meanAbsoluteError255(a: Float32Array, b: Float32Array): number {
  const plane = a.length / 3;
  let sum = 0;
  for (let i = 0; i < a.length; i++)
    sum += Math.abs((a[i] as number) - (b[i] as number)) * (CLIP_STD[Math.floor(i / plane)] as number) * 255;
  return sum / a.length;
}

// Documented tolerance (packages/encoders/README.md): sharp's cubic kernel against PIL's bicubic.
// Measured: 0.19, 0.21 and 1.09 (the greyscale JPEG is the hardest case: its decoder and PIL's differ).
const TOLERANCE = { 'poster_500x750.jpg': 0.3, 'land_612x408.png': 0.3, 'gray_1003x1501.jpg': 1.2 } as const;

describe.skipIf(!existsSync(fixtures))('preprocessImage against openai/CLIP’s own tensors', () => {
  for (const [name, tolerance] of Object.entries(TOLERANCE)) {
    it(`${name}: within ${tolerance}/255 mean absolute error`, async () => {
      const reference = new Float32Array(readFileSync(join(fixtures, `${name}.tv.f32`)).buffer.slice(0));
      const ours = clipPixels([await preprocessImage(join(fixtures, name))]);
      expect(ours.length).toBe(3 * 224 * 224);
      expect(reference.length).toBe(ours.length);
      const error = meanAbsoluteError255(ours, reference);
      expect(error).toBeLessThan(tolerance);
    });
  }
});

describe('preprocessImage on awkward inputs', () => {
  const gradient = (width: number, height: number, channels: 1 | 3 | 4) => {
    const data = Buffer.alloc(width * height * channels);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = c === 3 ? 128 : (x * 3 + y * 5 + c * 60) % 256;
    return sharp(data, { raw: { width, height, channels } });
  };

  it('reads a JPEG named .png by its content', async () => {
    const path = join(scratch, 'really-a-jpeg.png');
    writeFileSync(path, await gradient(300, 240, 3).jpeg().toBuffer());
    const image = await preprocessImage(path);
    expect(image.rgb.length).toBe(224 * 224 * 3);
  });

  it('applies EXIF orientation: a tagged image equals the same image turned by hand', async () => {
    const upright = await gradient(240, 320, 3).png().toBuffer();
    // Orientation 6 means "turn 90° clockwise to view": store the image turned the other way.
    const stored = await sharp(upright).rotate(-90).jpeg({ quality: 100 }).withMetadata({ orientation: 6 }).toBuffer();
    const plain = await sharp(upright).jpeg({ quality: 100 }).toBuffer();
    const a = await preprocessImage(stored);
    const b = await preprocessImage(plain);
    let error = 0;
    for (let i = 0; i < a.rgb.length; i++) error += Math.abs((a.rgb[i] as number) - (b.rgb[i] as number));
    expect(error / a.rgb.length).toBeLessThan(3);
  });

  it('drops alpha and replicates grey into three channels', async () => {
    const rgba = await preprocessImage(await gradient(224, 224, 4).png().toBuffer());
    const rgb = await preprocessImage(await gradient(224, 224, 3).png().toBuffer());
    expect(Array.from(rgba.rgb.subarray(0, 30))).toEqual(Array.from(rgb.rgb.subarray(0, 30)));
    const grey = await preprocessImage(await gradient(230, 224, 1).png().toBuffer());
    for (let p = 0; p < 224 * 224; p += 997) {
      expect(grey.rgb[3 * p + 1]).toBe(grey.rgb[3 * p]);
      expect(grey.rgb[3 * p + 2]).toBe(grey.rgb[3 * p]);
    }
  });

  it('names the file of a corrupt or missing image', async () => {
    const path = join(scratch, 'broken.jpg');
    writeFileSync(path, (await gradient(64, 64, 3).jpeg().toBuffer()).subarray(0, 200));
    await expect(preprocessImage(path)).rejects.toThrow(`${path}: cannot read the image`);
    await expect(preprocessImage(join(scratch, 'none.jpg'))).rejects.toThrow('none.jpg: no such image file');
  });

  it('sizes and crops as torchvision does', () => {
    expect(resizedSize(1003, 1501)).toEqual({ width: 224, height: 335 });
    expect(resizedSize(612, 408)).toEqual({ width: 336, height: 224 });
    expect([roundHalfEven(55.5), roundHalfEven(56.5), roundHalfEven(0.5), roundHalfEven(2.4)]).toEqual([56, 56, 0, 2]);
  });
});
