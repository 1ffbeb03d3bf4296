/**
 * Test helpers of @kg4rec/encoders: tiny models with CLIP's ONNX signatures, built in
 * TypeScript, so the real CLIP loading path runs without CLIP weights.
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
