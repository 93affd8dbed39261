/** The one way to build the arms of a comparison: frameworks times the values of one varied lever. */
import { InputError, problemsError } from '../io/errors.js';
import {
  FLAG_NAMES,
  leverProblems,
  refuseAnalysedLeverOverlaps,
  resolveArm,
  type InputNames,
  type LoadedScenario,
} from './scenario.js';
import type { DesignPoint } from './runner.js';

export interface Arm {
  label: string;
  framework: string | null;
  levers: Record<string, number>;
  point: DesignPoint;
}

export interface Vary {
  lever: string;
  values: number[];
}

/** The frameworks compared when none are named: the freeze against the architecture, else the first two. */
export function defaultFrameworks(available: string[]): string[] {
  const wanted = ['transactional-freeze', 'structural-architecture'].filter((f) => available.includes(f));
  return wanted.length ? wanted : available.slice(0, 2);
}

/** One arm per framework, times each value of `vary`; every setting is checked before anything runs. */
export function buildArms(
  loaded: LoadedScenario,
  frameworks: string[],
  set: Record<string, number>,
  vary: Vary | null,
  names: InputNames = FLAG_NAMES,
): Arm[] {
  // Named as the list it came in (--frameworks, frameworks), not as the single --framework of `truce run`.
  const known = Object.keys(loaded.scenario.frameworks);
  const unknown = frameworks.find((fw) => !known.includes(fw));
  if (unknown !== undefined)
    throw new InputError(
      `${names.frameworks}: expected frameworks of ${loaded.file} (${known.join(', ') || 'none defined'}), got ${JSON.stringify(unknown)}`,
    );
  if (vary) {
    // The varied setting is what the user asked to study: one also fixed by --set, or a varied lever that writes a
    // path a --set PATH=V sets, is refused naming --vary and the --set it collides with (parameterLeverOverlaps decides).
    refuseAnalysedLeverOverlaps(loaded, 'vary', [vary.lever], set, names);
    // Each varied value with the fixed settings, under each framework, as its arm will have them: a problem of the
    // varied setting is named by its flag (`--vary PATH=V`), one of a fixed setting by its own (`--set`), each once.
    const own = `${names.set}${vary.lever}`;
    const seen = new Set<string>();
    // With no framework to compare, the settings are checked as a plain arm would have them.
    const problems = (frameworks.length ? frameworks : [null])
      .flatMap((fw: string | null) =>
        vary.values.flatMap((v) => leverProblems(loaded, { ...set, [vary.lever]: v }, names, fw)),
      )
      .map((p) =>
        p.path === own || p.path.startsWith(`${own}=`)
          ? { ...p, path: `${names.vary}${vary.lever}${p.path.slice(own.length)}` }
          : p,
      )
      .filter((p) => {
        const key = JSON.stringify(p);
        return !seen.has(key) && (seen.add(key), true);
      });
    if (problems.length) throw problemsError(loaded.file, problems);
  }
  const arms: Arm[] = [];
  for (const fw of frameworks) {
    for (const value of vary ? vary.values : [null]) {
      const settings = vary && value !== null ? { ...set, [vary.lever]: value } : set;
      const r = resolveArm(loaded, fw, settings, names);
      const label = vary ? `${fw} ${vary.lever}=${value}` : fw;
      arms.push({
        label,
        framework: r.framework,
        levers: r.levers,
        point: { scenario: r.scenario, profiles: loaded.profiles },
      });
    }
  }
  return arms;
}
