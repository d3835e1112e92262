/** One line of `npm run bench`: a figure beside its target (and its baseline, when there is one). */
export interface BenchRow {
  case: string;
  figure: string;
  target: string;
  met: boolean;
  /** Not measured here (no server for it): printed as "–", neither met nor missed. */
  skipped?: boolean;
  baseline?: string;
  ratio?: string;
  notes?: string;
}
