/**
 * N-Triples (`.nt`, `.nt.gz`), the format of Freebase and Wikidata dumps, streamed line by line:
 * `<subject> <predicate> <object> .`. Subjects and objects that are IRIs or blank nodes become
 * entities, predicates relations. Triples whose object is a literal carry no edge and are skipped
 * (counted as `literalObject`); comments and blank lines are ignored.
 */
import { existsSync } from 'node:fs';
import type { DatasetBuilder } from '../builder';
import { at, missingOrEmpty } from '../io/fields';
import { readLines } from '../io/lines';

const TERM = /\s*(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)/y;

/** Splits one N-Triples statement into its three terms, or undefined when malformed. */
export function parseNTriple(text: string): [string, string, string] | undefined {
  const terms: string[] = [];
  TERM.lastIndex = 0;
  for (let i = 0; i < 3; i++) {
    const match = TERM.exec(text);
    if (!match) return undefined;
    terms.push(match[1] as string);
  }
  return /^\s*\.\s*(#.*)?$/.test(text.slice(TERM.lastIndex)) ? (terms as [string, string, string]) : undefined;
}

/** An entity token: an IRI without its brackets, or a blank node as written. */
function entityToken(term: string): string | undefined {
  if (term.startsWith('<')) return term.slice(1, -1);
  if (term.startsWith('_:')) return term;
  return undefined;
}

/** Streams an N-Triples file into the builder's entities, relations and triples. */
export async function readNTriples(file: string, builder: DatasetBuilder): Promise<void> {
  if (!existsSync(file)) throw missingOrEmpty(file, 'missing');
  const { entities, relations, report } = builder;
  for await (const line of readLines(file)) {
    const text = line.text.trim();
    if (text === '' || text.startsWith('#')) continue;
    const terms = parseNTriple(text);
    const predicate = terms && entityToken(terms[1]);
    const subject = terms && entityToken(terms[0]);
    if (!terms || !predicate || !subject || !terms[1].startsWith('<')) {
      report.problem('malformedLine', `${at(file, line)}: expected '<subject> <predicate> <object> .'`, { file, line: line.number });
      continue;
    }
    const object = entityToken(terms[2]);
    if (object === undefined) {
      report.count('literalObject');
      continue;
    }
    builder.addTriple(entities.add(subject), relations.add(predicate), entities.add(object));
  }
}
