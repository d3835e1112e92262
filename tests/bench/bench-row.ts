/** One line of `npm run bench`: a figure beside its target (and its baseline, when there is one). */
export interface BenchRow {
  case: string;
  figure: string;
  target: string;
  met: boolean;
  baseline?: string;
  ratio?: string;
  notes?: string;
}
