import { useState } from 'react';
import { type OwnKernel, ownKernelProblem } from '../../core/userKernel/ownKernel';
import { EXACT_TOLERANCE } from '../../core/userKernel/template';
import { formatDiff, formatTolerance } from '../../shared/numberFormat';
import { type LabKernel, useLabStore } from './labStore';

/** What the editor's last check found for the text now in it (null: not checked as it is). */
export interface PassedCheck {
  n: number;
  maxAbsError: number;
  exact: boolean;
}

const same = (a: OwnKernel, b: OwnKernel) =>
  a.name === b.name && a.body === b.body && a.cost === b.cost;

/**
 * The checked kernel into the lab's sweep: a name of the researcher's choosing and the cost they
 * state (drawn as its theory curve), then Run measures it beside the built-in variants, in every
 * chart, the table, the files and the links.
 */
export function OwnKernelSweepForm(props: {
  body: string;
  check: PassedCheck | null;
  defaultCost: string;
}) {
  const inLab = useLabStore((s) => s.kernel);
  const setKernel = useLabStore((s) => s.setKernel);
  const [name, setName] = useState(inLab?.kernel.name ?? 'mine');
  const [cost, setCost] = useState(inLab?.kernel.cost ?? props.defaultCost);
  const candidate: OwnKernel = { name, body: props.body, cost };
  const problem = ownKernelProblem(candidate);
  const current = inLab !== null && same(inLab.kernel, candidate);
  const add = () => setKernel({ kernel: candidate, from: 'editor', check: props.check });
  return (
    <div className="own-kernel-sweep" data-testid="own-kernel-sweep">
      <div className="lab-param-controls">
        <label className="lab-field">
          <span>name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} />
        </label>
        <label className="lab-field own-kernel-cost">
          <span>its cost, as you state it</span>
          <input
            value={cost}
            onChange={(e) => setCost(e.target.value)}
            spellCheck={false}
            placeholder="n^2 d"
          />
        </label>
        <button
          type="button"
          className="button"
          onClick={add}
          disabled={problem !== null || props.check === null || current}
        >
          {inLab ? 'Update the sweep' : "Add to the lab's sweep"}
        </button>
      </div>
      <p className="muted" role={problem ? 'alert' : undefined}>
        {problem
          ? `${problem[0].toUpperCase()}${problem.slice(1)}.`
          : props.check === null
            ? 'Compile and check this text first: only a kernel that ran here goes into the sweep.'
            : 'The cost uses n, d, dv, numbers and log (as in n^2 d, 16 n d or n log n · d); it is drawn as the kernel’s theory curve.'}
      </p>
      {inLab ? <InSweep lab={inLab} edited={!current} onRemove={() => setKernel(null)} /> : null}
    </div>
  );
}

function InSweep(props: { lab: LabKernel; edited: boolean; onRemove: () => void }) {
  const { kernel, check, from } = props.lab;
  const checked = check
    ? `${check.exact ? 'exact' : 'approximate'} at n = ${check.n} (max abs error ${formatDiff(check.maxAbsError)}${check.exact ? `, within ${formatTolerance(EXACT_TOLERANCE)}` : ''})`
    : from === 'link'
      ? 'from the link, not yet run on this device'
      : 'not checked';
  return (
    <p className="notice" data-testid="own-kernel-in-sweep">
      In the sweep: <strong>{kernel.name}</strong>, cost {kernel.cost}, {checked}. Run (above)
      measures it beside the built-in variants, against the same reference.
      {props.edited
        ? ' The editor now holds other text: check it and update the sweep to use it.'
        : ''}{' '}
      <button type="button" className="link-button" onClick={props.onRemove}>
        Take it out of the sweep
      </button>
    </p>
  );
}
