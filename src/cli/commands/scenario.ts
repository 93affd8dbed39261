/** `truce scenario validate FILE` and `truce scenario show FILE`. */
import { Option, type Command } from 'commander';
import { Document } from 'yaml';
import { checkFile, KIND_NAMES, validateFile, type FileKind } from '../../app/check-scenario.js';
import { EXIT_BAD_INPUT, ReportedFailure } from '../errors.js';
import { showScenario } from '../../app/scenario.js';
import { loadScenarioFile } from '../options/scenario-file.js';
import { toJson } from '../render/format.js';
import { collect, parseSettings } from '../options/flags.js';

export function register(program: Command): void {
  const cmd = program.command('scenario').description('check or show a scenario');
  cmd
    .command('validate')
    .description(
      'check a file and report every problem with its path; the kind (ceasefire scenario, engagement, campaign, defence profile) is told from its top-level fields',
    )
    .argument('<file>', 'scenario, engagement, campaign or defence profile file')
    .addOption(
      new Option('--kind <kind>', 'validate as this kind instead of telling it from the fields').choices(
        Object.keys(KIND_NAMES),
      ),
    )
    .option(
      '--json',
      'print one JSON object: valid, kind, the fields that told it, and the summary, or every problem (file, path, message; exit 2)',
    )
    .action((file: string, flags: { kind?: FileKind; json?: boolean }) => {
      if (flags.json) {
        const c = checkFile(file, flags.kind);
        process.stdout.write(
          toJson(
            c.valid
              ? {
                  file,
                  valid: true,
                  kind: c.kind,
                  because: c.because,
                  summary: c.summary,
                  ...(c.warnings ? { warnings: c.warnings } : {}),
                  ...(c.scenario ? { notes: c.scenario.notes } : {}),
                }
              : { file, valid: false, kind: c.kind, because: c.because, problems: c.problems },
          ) + '\n',
        );
        if (!c.valid) throw new ReportedFailure(EXIT_BAD_INPUT);
        return;
      }
      const v = validateFile(file, flags.kind);
      process.stdout.write(`${file}: valid ${v.summary}\n`);
      // Valid, with what is worth saying: part of what validate reports (other commands warn on stderr).
      for (const w of v.warnings ?? []) process.stdout.write(`warning: ${w}\n`);
      // Not problems (the exit status stays 0): what to know before trusting the results (docs/scenario-reference.md).
      for (const n of v.scenario?.notes ?? [])
        process.stdout.write(`${n.level === 'warning' ? 'warning' : 'note'}: ${n.path}: ${n.message}\n`);
    });
  cmd
    .command('show')
    .description(
      'print the scenario as a reusable file: defaults filled; with --framework or --set, that arm resolved (save it and run it again for the same results)',
    )
    .argument('<file>', 'scenario file')
    .option('--framework <name>', 'apply a framework')
    .option('--set <lever=value>', 'set a lever, or a documented parameter by its path (repeatable)', collect)
    .option('--json', 'print JSON instead of YAML')
    .action((file: string, flags: { framework?: string; set?: string[]; json?: boolean }) => {
      const shown = showScenario(loadScenarioFile(file), flags.framework, parseSettings(flags.set));
      if (flags.json) {
        process.stdout.write(toJson(shown.document) + '\n');
        return;
      }
      const doc = new Document(shown.document);
      const moved = Object.entries(shown.levers)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
      doc.commentBefore = [
        ` truce scenario show ${file}: every default filled.`,
        shown.resolved
          ? ` Resolved: framework ${shown.framework ?? '(none)'}, levers ${moved}. Frameworks are dropped (they apply to the`
          : ` Frameworks and levers as written; levers at their defaults: ${moved}.`,
        ...(shown.resolved
          ? [
              " original scenario); each moved lever keeps its value as its default, and a scale lever's paths",
              ' hold the values before scaling. Running this file gives the results of that arm.',
            ]
          : [' Running this file gives the same results as the original (the same scenario hash).']),
      ].join('\n');
      process.stdout.write(doc.toString({ lineWidth: 0 }));
    });
}
