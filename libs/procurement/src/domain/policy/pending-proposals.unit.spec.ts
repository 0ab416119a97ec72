import { ExistingContract, ProposalState } from '../contract/contract.state';
import { ProposalDraft } from './adjustment-policy';
import { draftsNotAwaitingTheBuyer } from './pending-proposals';

const draft = (proposalId: string, orderId: string, adjustment: ProposalDraft['adjustment']): ProposalDraft => ({
  proposalId,
  orderId,
  clauseId: 'clause-1',
  adjustment,
  reason: 'test',
  policyVersion: 'fill-rate-and-waiting-list@3',
  inputs: {},
});
const contractWith = (...proposals: Array<ProposalDraft & { status: ProposalState['status'] }>): ExistingContract =>
  ({ proposals: Object.fromEntries(proposals.map((proposal) => [proposal.proposalId, proposal])) }) as unknown as ExistingContract;

const more = (delta: number) => ({ kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta }) as const;
const remote = (traineeId: string) => ({ kind: 'SWITCH_TRAINEE_TO_REMOTE', traineeId, sessionId: 'S-1', weeks: 2 }) as const;

describe('drafts waiting behind a pending proposal', () => {
  it('holds back a new volume proposal on an order whose earlier one the buyer has not decided', () => {
    const contract = contractWith({ ...draft('p-1', 'order-1', more(3)), status: 'PENDING' });
    const drafts = [draft('p-2', 'order-1', more(4)), draft('p-3', 'order-2', more(4))];
    expect(draftsNotAwaitingTheBuyer(drafts, contract).map((kept) => kept.proposalId)).toEqual(['p-3']);
  });

  it('lets it through once the earlier one is approved or rejected', () => {
    for (const status of ['APPROVED', 'REJECTED'] as const) {
      const contract = contractWith({ ...draft('p-1', 'order-1', more(3)), status });
      expect(draftsNotAwaitingTheBuyer([draft('p-2', 'order-1', more(4))], contract)).toHaveLength(1);
    }
  });

  it('tells apart the subjects of one order: volume, sessions, and each trainee switched to remote', () => {
    const contract = contractWith({ ...draft('p-1', 'order-1', remote('trainee-0001aa')), status: 'PENDING' });
    const drafts = [
      draft('p-2', 'order-1', remote('trainee-0001aa')),
      draft('p-3', 'order-1', remote('trainee-0002bb')),
      draft('p-4', 'order-1', more(2)),
    ];
    expect(draftsNotAwaitingTheBuyer(drafts, contract).map((kept) => kept.proposalId)).toEqual(['p-3', 'p-4']);
  });
});
