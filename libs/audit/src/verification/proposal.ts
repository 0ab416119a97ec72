import { isDeepStrictEqual } from 'node:util';
import { OrderAdjustmentProposed, rerunProposal } from '@app/procurement';

/** Why the policy, re-run on the proposal's recorded inputs, does not give the recorded proposal (or undefined). */
export function proposalProblem(data: OrderAdjustmentProposed['data']): string | undefined {
  const drafts = rerunProposal(data.policyVersion, data.inputs);
  if ('problem' in drafts) return drafts.problem;
  if (drafts.length !== 1) return `the policy proposes nothing on the recorded inputs, yet ${describe(data.adjustment)} was proposed`;
  const [draft] = drafts;
  if (!isDeepStrictEqual(draft.inputs, data.inputs)) {
    const fields = Object.keys({ ...draft.inputs, ...data.inputs }).filter((key) => draft.inputs[key] !== data.inputs[key]);
    return `the recorded inputs are not consistent: ${fields.map((key) => `${key} recorded ${data.inputs[key]}, computed ${draft.inputs[key]}`).join('; ')}`;
  }
  if (!isDeepStrictEqual(draft.adjustment, data.adjustment)) {
    return `the policy gives ${describe(draft.adjustment)} on the recorded inputs, not the recorded ${describe(data.adjustment)}`;
  }
  if (draft.orderId !== data.orderId || draft.clauseId !== data.clauseId) {
    return `the policy proposes for order ${draft.orderId} under clause ${draft.clauseId}, not order ${data.orderId} under ${data.clauseId}`;
  }
  if (draft.reason !== data.reason) return `the policy gives the reason "${draft.reason}", not "${data.reason}"`;
  if (draft.proposalId !== data.proposalId) return `the proposal id ${data.proposalId} is not the one its inputs give (${draft.proposalId})`;
  return undefined;
}

function describe(adjustment: unknown): string {
  return JSON.stringify(adjustment);
}
