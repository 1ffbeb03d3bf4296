/**
 * @kg4rec/kg: everything a model needs from data. Readers for RecBole atomic files, KGAT's
 * format, KGCN/MKR knowledge graphs and MovieLens files; stable id maps; item↔entity alignment;
 * presets for the shared datasets; statistics. The models never parse a file.
 */

export { type AttributeTripleOptions, attributeTriples } from './attributes';
export { DatasetBuilder, type InteractionExtras } from './builder';
export { cacheDir, cachedLoad, cacheKey, deserializeDataset, serializeDataset } from './cache';
export { buildCollaborativeKg, type CollaborativeKg, edgeHeads, edgesByRelation, modelContext, toCsr } from './ckg';
export { type CkgDescriber, describeCkg, itemTitle } from './ckg-layout';
export { type MovieContentSource, movieContent } from './content';
export { dataRoot, sharedRoot } from './data-root';
export { type CatalogueEntry, type Dataset, GIVEN, type Interactions, type ItemContent, type Triples } from './dataset';
export { exportKgat } from './export';
export { exportRecbole } from './export-recbole';
export { type DatasetFormat, datasetFormats, type LoadPathOptions, loadPath } from './formats';
export { IdMap } from './id-map';
export { type DatasetStats, inspectDataset } from './inspect';
export { type Encoding, type Line, readLines } from './io/lines';
export { type NeighbourSequenceOptions, type NeighbourSequences, neighbourSequences } from './neighbours';
export { datasetPresets, type LoadOptions, loadDataset, type Preset } from './presets';
export { type ColumnMapping, DEFAULT_COLUMNS, readDelimitedInteractions, readDelimitedTriples, splitCsvLine } from './readers/delimited';
export { readIndexMap } from './readers/index-map';
export { readIdList, readIdTriples, readKgat, readUserItemLines } from './readers/kgat';
export { readKgcn, readKgcnLinks, readKgcnRatings, readKgcnTriples } from './readers/kgcn';
export { readMoviesDat } from './readers/movielens';
export { readMovielensRaw } from './readers/movielens-raw';
export { parseNTriple, readNTriples } from './readers/ntriples';
export { ratingDelimiter, readRatings } from './readers/ratings';
export { type AtomicColumn, parseAtomicHeader, readAtomicFile, readRecbole } from './readers/recbole';
export { LoadReport, type Strictness, WARNING_KINDS, type WarningKind } from './report';
export { type CfBatch, CfSampler, type KgBatch, KgSampler, type NegativeStrategy } from './samplers';
export { SPLIT_KINDS, type Split, type SplitKind, type SplitOptions, splitInteractions } from './split';
