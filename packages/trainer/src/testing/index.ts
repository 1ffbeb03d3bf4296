/** Test helpers of `@kg4rec/trainer`: a tiny dataset folder written in code. Import from `@kg4rec/trainer/testing`. */
export { type ClusteredDatasetOptions, writeClusteredDataset } from './tiny-dataset';
