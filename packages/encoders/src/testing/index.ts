/**
 * Test helpers of @kg4rec/encoders: tiny models with CLIP's and MobileNet's ONNX signatures,
 * built in TypeScript, so the real loading paths run without the real weights.
 */
export { type AttributeValue, type Dim, GraphBuilder, ONNX_TYPE } from './onnx-graph';
export {
  type TinyTextModel,
  type TinyTextOptions,
  type TinyVisionModel,
  type TinyVisionOptions,
  tinyClipTextModel,
  tinyClipVisionModel,
  writeTinyClipFolder,
} from './tiny-clip';
export { TINY_MOBILENET_SCALE, type TinyMobilenetOptions, tinyMobilenetModel } from './tiny-mobilenet';
