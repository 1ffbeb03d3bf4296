/**
 * @kg4rec/encoders: image and text features for items and KG entities — CLIP through
 * onnxruntime-node (with its tokenizer and image preprocessing in TypeScript), a weight-free
 * fallback (`hash`), a feature store, and the encoding pipeline behind `kg4rec encode`.
 */
export { fallbackImageFeatures, HashImageEncoder } from './hash/image';
export { HashTextEncoder, type HashTextOptions, textFeatures } from './hash/text';
export {
  CLIP_IMAGE_SIZE,
  CLIP_MEAN,
  CLIP_STD,
  clipPixels,
  IMAGENET_MEAN,
  IMAGENET_STD,
  type ImageSource,
  normalizedPixels,
  type PreprocessedImage,
  preprocessImage,
  resizedSize,
  roundHalfEven,
} from './image/preprocess';
export {
  ClipImageEncoder,
  type ClipModelOptions,
  ClipTextEncoder,
  findClipModelFile,
  loadClipImage,
  loadClipText,
} from './onnx/clip';
export { fileSha256, sha256Hex } from './onnx/hashes';
export {
  defaultMobilenetPath,
  loadMobilenet,
  MOBILENET_V2_INT8,
  MobilenetImageEncoder,
  type MobilenetOptions,
  mobilenetFile,
} from './onnx/mobilenet';
export { POOLED_OUTPUT, type PooledTensor, withPooledOutput } from './onnx/pool-output';
export { availableProviders, chooseProviders, createSession, type OnnxSession } from './onnx/runtime';
export { type ClipTextSignature, type ClipVisionSignature, clipTextSignature, clipVisionSignature } from './onnx/signature';
export { describeSpec, type ElementType, feedProblems, fromFloat16, type HostTensor, type TensorSpec, toFloat16 } from './onnx/tensors';
export {
  attributeName,
  type ContentInput,
  type ContentOptions,
  type ContentPlan,
  contentInputs,
  entityKey,
  itemKey,
} from './pipeline/content';
export { type DatasetFeatures, datasetFeatures } from './pipeline/dataset-features';
export {
  type EncodeOptions,
  type EncodeProgress,
  type EncodeSummary,
  encodeDataset,
  fittedEncoder,
  imageSizeOf,
} from './pipeline/encode';
export { type ImportOptions, type ImportSummary, importFeatureTable } from './pipeline/import-table';
export { encodeNewContent, type NewContentOptions, type NewContentRows } from './pipeline/new-content';
export { nodeFeatures } from './pipeline/node-features';
export { createEncoder, type EncoderOptions, imageEncoders, pretrainedAvailability, textEncoders } from './registry';
export { type FeatureFileFormat, type FeatureFileOptions, type ImportedFeatures, readFeatureFile, readNpy } from './store/import';
export { type EncodedRow, EncodeJournal, type JournalHeader } from './store/journal';
export {
  defaultFeatureRoot,
  type FeatureMeta,
  type FeatureRow,
  type FeatureTable,
  featureTableDir,
  hasFeatureTable,
  listFeatureTables,
  readFeatureMeta,
  readFeatureTable,
  type SkippedInput,
  safeName,
  tableRow,
  writeFeatureTable,
} from './store/table';
export {
  CLIP_CONTEXT_LENGTH,
  ClipTokenizer,
  type ClipVocabulary,
  END_OF_TEXT,
  START_OF_TEXT,
  type TokenBatch,
} from './text/clip-tokenizer';
export {
  loadClipTokenizer,
  OPENAI_BPE_FILE,
  OPENAI_MERGE_COUNT,
  readClipVocabulary,
  vocabularyFromOpenaiMerges,
  vocabularyFromTokenizerJson,
  vocabularyFromVocabAndMerges,
} from './text/vocabulary-files';
export {
  readWinkTable,
  tableSource,
  WINK_PACKAGE,
  type WordVectorSource,
  type WordVectorTable,
  winkFileSource,
  winkPackageFile,
  winkSource,
  wordVectorTable,
} from './text/word-vector-table';
export { firstComponent, type WordVectorOptions, WordVectorTextEncoder, words } from './text/word-vectors';
export type { Encoder, EncoderInfo, ImageEncoder, Modality, TextEncoder } from './types';
export { dot, l2Normalize } from './vectors';
