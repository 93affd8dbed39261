/**
 * Prose of docs/scenario-reference.md that no schema field carries: what an author of a new scenario must know before
 * trusting its results. `truce scenario validate` prints the matching notes (src/core/scenario/advice.ts).
 */
import { DEFAULT_WEIGHTS } from '../engine/build/states.js';

const weights = Object.entries(DEFAULT_WEIGHTS)
  .map(([k, v]) => `${k} ${v}`)
  .join(', ');

export const AUTHOR_NOTES = `### Before you trust a new scenario

\`truce scenario validate FILE\` checks that a file is well formed; a well-formed file can still give results that
rest on values nobody chose. It prints a \`note:\` (info) or a \`warning:\` line under "valid" for the cases below
(\`--json\`: \`notes\`; the dashboard shows them under the editor); the exit status stays 0.

**Weights left out are calibrated to nothing.** A weight a state leaves out of \`actors.<id>.weights\` takes the
default on its row below (${weights}). These are placeholders judged when the model was first written: no scenario was fitted with them, and
the built-in scenario sets every weight its states' roles use (fitted or judged, docs/model/calibration-ceasefire.md),
so its results never rest on them. A fresh scenario with defaulted weights is not a usable starting point. Measured on a
180-day India-Pakistan scenario (one adversary each; 400 runs, seed 1, \`--posterior none\`): with the defender's
weights left out, P(collapse) was 49% by day 30 and 100% by day 180; with the author's weights (pv 0.03, rearmament
0.5, preemption 0.3, burden 0.2, window 0.2, credibility 0.3, baseline 0.5), 0.3% and 37%. Three defaults did most of it:
\`weights.preemption\` 1 (the built-in's Israel: 0.2), so the fear of the next wave dominates the defender's EU;
\`preemption.budgetUsdPerDay\` USD 2 M a day (the built-in's Israel: 0.5 M); and \`weights.economic\` 0.3. The
economic term is the punishment still to come, (1 - sanctions) x \`economy.sanctionsSeverity\`, so it is largest for a
state under no sanctions: with the default weight an unsanctioned state carries a standing restraint of -0.30 (the
\`economic -0.300\` that \`truce run\` prints for a healthy defender); the built-in's Israel, weight 0.05, carries -0.05. Start from the
built-in scenario's weights and the ranges in its \`parameters\`, and move them for reasons you can state
(docs/tutorial.md, step 2). \`scenario validate\` lists, for each state, the weights its role uses that it leaves out.

**An action a state lists no redline for is read at the agreed reading.** A state's effective reading of an action is
s x agreed + (1 - s) x its own (\`agreement.specificity\` s, docs/model/redlines.md); when it lists no
\`redlines\` entry for the action, its own is the agreed reading: \`agreement.agreedReadings\` for the action, else 1
for a prohibited action, 0.5 for an ambiguous one, 0 for a permitted one.

**When verification lowers collapse, and when it raises it.** What the monitor sees it reports with its determination,
the agreed reading; what a state sees alone it reads by its own redline (docs/model/perception.md). For each action an
adversary does at rate r in a domain the monitor covers (coverage kappa), one more unit of verification changes the
rung-weighted violations a state perceives a day by r x kappa x (1 + rung) x (agreed - d0 x own), where d0 =
intelligence x visibility is its chance of seeing the act alone; spurious reports fall by 2 x \`spuriousRate\`.
So verification lowers what a state perceives only where the agreed readings are below its private ones by enough to
outweigh the acts the monitor reveals, and it lowers collapse when, in addition, the mediator enforces: each violation
the monitor attributes is a test of the mediator, and one it leaves unanswered costs credibility
(\`commitment\`, docs/model/credibility.md). With the defaults above (unlisted redlines read at the agreed reading,
agreed readings 1 and 0.5) the monitor mostly adds. On the India-Pakistan scenario, with the same terms made
ambiguous and verification moved from 0 to 1 (400 runs, seed 1, 180 days): agreed readings left at 0.5, P(collapse)
12.5% -> 24.5%; explicit agreed readings of 0.02-0.3, below the parties' private ones, 2.0% -> 0.0%. The built-in
scenario states granular agreed readings (0.02-0.4, judged), mostly below the parties' private ones: per unit of
verification the monitor adds 0.17 rung-weighted violations a day to what Israel perceives and removes 0.24 spurious
ones (Iran: 0.06 and 0.16). \`scenario validate\` warns for each state to which a lever or framework that moves
\`agreement.verification\` adds more perceived violations than it removes, naming the actions that add most; \`truce
ablate\` then flags the verification lever "against" (docs/ablation.md), and the fix is in the agreed readings, the
private redlines or the mediator's commitment, not in the lever.

**Kinetic activities wait for their rung.** An action of rung >= 3 listed in a state's \`activities\` happens only on
days the state is at that rung or above, at the listed rate; a proxy's kinetic activities run at any rung of its patron,
scaled by \`dynamics.proxyKineticBase\` + \`dynamics.proxyKineticPerRung\` x the patron's rung (docs/model/activity.md).

**A documented parameter on a lever's path.** Parameters set by path (\`--set PATH=V\`) are applied after the levers,
so a parameter whose path a lever also writes would override that lever: the lever would do nothing there while the
results still report its value. \`--set\` and \`--vary\` refuse such a parameter in an arm where the lever writes the
path (moved by \`--set\`, \`--vary\` or the arm's framework, or given an explicit \`default\`), naming both; a sweep's
\`--ranges\` and sensitivity's \`--levers\` refuse a lever whose path a \`--set PATH=V\` sets, naming their own flag and
that \`--set\` (docs/analysis.md, "Moving a documented parameter"); and
\`scenario validate\` warns when a path of the \`parameters\` block is also a lever's path. Document the value once: as a lever (what
analysts move) or as a parameter (what \`truce ablate\` explores).

**Values outside their documented range** are allowed (a range states plausible values, not validity) and warned about
where the value was written (\`FILE:LINE: PATH\`): on stderr before a command runs, in \`scenario validate\`'s output, and
in the results: \`scenarioWarnings\` in \`compare --json\` and the stored experiment (\`truce runs show ID\`), and a
warning beside the scenario's description in \`truce report\` (docs/analysis.md, "Moving a documented parameter").

**Defence profiles** are named by a shipped name (\`scenarios/defense/\`) or by a path, relative to the scenario file
or absolute; in the dashboard, upload the profile file with the scenario and write its file name (docs/dashboard.md).
A layer engages threats in arrival order with no priority by type: early drones can use up the channels of a layer
that would rather engage the ballistic missiles behind them (docs/model/engagement.md).

**Names.** The \`name\` of an actor or an action is for readers of the file; outputs show ids.
`;
