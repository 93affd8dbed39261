/** One run as a story: the figures of src/charts/figures.ts. */
import { useState } from 'preact/hooks';
import type { RunResponse } from '../../../src/app/contract.js';
import type { StoryPoint } from '../../../src/charts/charts.js';
import { storyFigures } from '../../../src/charts/figures.js';
import { describeError, post } from '../api.js';
import type { ChartSource } from '../export.js';
import { Figures } from '../figures.js';

export function StoryView(props: {
  yaml: string;
  profiles?: Record<string, string>;
  ok: boolean;
  frameworks: string[];
  set: Record<string, number>;
  source?: ChartSource;
}) {
  const [chosen, setFramework] = useState(props.frameworks[0] ?? '');
  // A framework of another scenario (after an upload) is never sent: fall back to this scenario's first.
  const framework = props.frameworks.includes(chosen) ? chosen : (props.frameworks[0] ?? '');
  const [seed, setSeed] = useState(1);
  const [story, setStory] = useState<RunResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const go = () =>
    post<RunResponse>('/api/run', {
      yaml: props.yaml,
      ...(props.profiles && Object.keys(props.profiles).length ? { profiles: props.profiles } : {}),
      framework: framework || null,
      set: props.set,
      seed,
    }).then(
      (s) => (setError(null), setStory(s)),
      (e) => setError(describeError(e)),
    );
  return (
    <div>
      <div class="row">
        <label for="story-framework">Framework</label>
        <select
          id="story-framework"
          value={framework}
          onChange={(e) => setFramework((e.target as HTMLSelectElement).value)}
        >
          {props.frameworks.map((f) => (
            <option value={f}>{f}</option>
          ))}
        </select>
        <label for="story-seed">Seed</label>
        <input
          id="story-seed"
          type="number"
          min={0}
          value={seed}
          onInput={(e) => setSeed(Number((e.target as HTMLInputElement).value))}
        />
        <button type="button" class="primary" id="run-story" disabled={!props.ok} onClick={go}>
          Run one trajectory
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {story && (
        <div>
          <p id="story-outcome">
            {story.outcome.collapsed
              ? `Collapsed on day ${story.outcome.day}: ${story.outcome.firstCrosser} crossed first.`
              : 'Held to the horizon.'}
          </p>
          <Figures
            figures={storyFigures(story.trajectory as unknown as StoryPoint[], story.events)}
            version={JSON.stringify([story.framework, story.seed, story.outcome])}
            source={{
              ...props.source,
              scenario: story.scenario,
              seed: story.seed,
              runs: 'one run',
              detail: story.framework ? `framework ${story.framework}` : undefined,
            }}
          />
        </div>
      )}
    </div>
  );
}
