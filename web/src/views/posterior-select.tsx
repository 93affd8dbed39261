/** Which global parameters a dashboard job draws: as written, or from the shipped posterior (docs/calibration-record.md). */
export type PosteriorChoice = 'none' | 'default';

export function PosteriorSelect(props: { id: string; value: PosteriorChoice; onChange: (v: PosteriorChoice) => void }) {
  return (
    <>
      <label for={props.id}>Global parameters</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange((e.target as HTMLSelectElement).value as PosteriorChoice)}
      >
        <option value="none">as written in the scenario</option>
        <option value="default">drawn from the shipped posterior</option>
      </select>
    </>
  );
}
