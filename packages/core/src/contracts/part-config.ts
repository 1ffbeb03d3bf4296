/** A part's serialisable description: its registry name and its options. */
export interface PartConfig<O = Record<string, unknown>> {
  name: string;
  options: O;
}
