/**
 * A collaborative KG extended with modal entities, as MKGAT's multimodal KG has them: every node
 * with features of a modality gets an entity of its own for them ("the image of item i"), joined
 * by a relation `has_<modality>` (node → modal entity) and its inverse, like any other triple.
 */
import type { ModelGraph, NodeFeatures } from '@kg4rec/core';

/** The modal entities of one modality. */
export interface ModalEntities {
  modality: 'visual' | 'text';
  /** The node each modal entity belongs to, in modal-entity order. */
  owners: Int32Array;
  /** Node id of the first modal entity; the j-th is `firstNode + j`. */
  firstNode: number;
  /** `has_<modality>` (owner → entity); its inverse is `relation + 1`. */
  relation: number;
}

/** The extended graph's edges (the CKG's, then the modal ones) and its modalities. */
export interface ModalGraph {
  heads: Int32Array;
  tails: Int32Array;
  relations: Int32Array;
  numNodes: number;
  numRelations: number;
  modalities: ModalEntities[];
}

/** The nodes that have features, in node order. */
export function nodesWithFeatures(features: NodeFeatures): Int32Array {
  const owners: number[] = [];
  features.has.forEach((has, node) => {
    if (has) owners.push(node);
  });
  return Int32Array.from(owners);
}

/** Adds one entity per (node, modality) with features, and its two edges per direction. */
export function withModalEntities(graph: ModelGraph, content: Partial<Record<'visual' | 'text', NodeFeatures>>): ModalGraph {
  const modalities: ModalEntities[] = [];
  let numNodes = graph.numNodes;
  let numRelations = graph.numRelations;
  for (const modality of ['visual', 'text'] as const) {
    const features = content[modality];
    if (!features) continue;
    const owners = nodesWithFeatures(features);
    modalities.push({ modality, owners, firstNode: numNodes, relation: numRelations });
    numNodes += owners.length;
    numRelations += 2;
  }
  const added = modalities.reduce((sum, m) => sum + 2 * m.owners.length, 0);
  const heads = new Int32Array(graph.heads.length + added);
  const tails = new Int32Array(heads.length);
  const relations = new Int32Array(heads.length);
  heads.set(graph.heads);
  tails.set(graph.tails);
  relations.set(graph.relations);
  let e = graph.heads.length;
  for (const { owners, firstNode, relation } of modalities) {
    owners.forEach((owner, j) => {
      [heads[e], tails[e], relations[e]] = [owner, firstNode + j, relation];
      [heads[e + 1], tails[e + 1], relations[e + 1]] = [firstNode + j, owner, relation + 1];
      e += 2;
    });
  }
  return { heads, tails, relations, numNodes, numRelations, modalities };
}
