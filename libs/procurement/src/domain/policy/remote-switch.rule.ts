import { idFromName } from '@app/shared/ids';
import { ExistingContract } from '../contract/contract.state';
import { Clause } from '../terms/procurement-terms';
import { ADJUSTMENT_POLICY_VERSION, ProposalDraft } from './adjustment-policy';

export const REMOTE_SWITCH_RULE = 'DROPOUT_REMOTE_SWITCH';

/** A trainee the provider reported at risk of dropping out, still in the pathway, as the read model gives it. */
export interface AtRiskTrainee {
  orderId: string;
  traineeId: string;
  sessionId: string;
  reportedOn: string;
  reason: string;
}

/** What the rule reads of one trainee at risk: the report, and the dropout clause with the weeks already granted. */
export interface RemoteSwitchSignals extends AtRiskTrainee {
  dropoutClauseId: string;
  maxRemoteWeeks: number;
  remoteWeeksUsed: number;
}

/**
 * Dropout prevention: a trainee at risk continues remotely (evening-course style) for the weeks the dropout
 * clause still allows them. Nothing is proposed once the clause's weeks are used up; the same signals give
 * the same proposal id, so a proposal rejected or approved is not made again.
 */
export function proposeRemoteSwitches(signals: readonly RemoteSwitchSignals[], policyVersion: string = ADJUSTMENT_POLICY_VERSION): ProposalDraft[] {
  return [...signals]
    .sort((a, b) => a.orderId.localeCompare(b.orderId) || a.traineeId.localeCompare(b.traineeId))
    .flatMap((trainee) => {
      const weeks = trainee.maxRemoteWeeks - trainee.remoteWeeksUsed;
      if (weeks <= 0) return [];
      const inputs = { rule: REMOTE_SWITCH_RULE, ...trainee };
      return [
        {
          proposalId: idFromName('proposal', policyVersion, JSON.stringify(inputs)),
          orderId: trainee.orderId,
          clauseId: trainee.dropoutClauseId,
          adjustment: { kind: 'SWITCH_TRAINEE_TO_REMOTE', traineeId: trainee.traineeId, sessionId: trainee.sessionId, weeks },
          reason: `trainee at risk of dropping out since ${trainee.reportedOn} (${trainee.reason.toLowerCase()}): ${weeks} weeks of remote continuation`,
          policyVersion,
          inputs,
        },
      ];
    });
}

/**
 * The signals of the trainees at risk in the open orders of a contract whose lot has a dropout clause (a clause
 * written for the lot wins over a contract-wide one), with the weeks each was already granted.
 */
export function remoteSwitchSignalsOf(contract: ExistingContract, atRisk: readonly AtRiskTrainee[]): RemoteSwitchSignals[] {
  return atRisk.flatMap((trainee) => {
    const order = contract.orders[trainee.orderId];
    if (!order || order.status !== 'ISSUED') return [];
    const session = order.sessions[trainee.sessionId];
    if (!session || session.cancelled) return [];
    const clause = dropoutClauseOf(contract, order.lotId);
    if (!clause || clause.terms.type !== 'DROPOUT') return [];
    return [
      {
        ...trainee,
        dropoutClauseId: clause.clauseId,
        maxRemoteWeeks: clause.terms.maxRemoteWeeks,
        remoteWeeksUsed: order.remoteWeeks?.[trainee.traineeId] ?? 0,
      },
    ];
  });
}

function dropoutClauseOf(contract: ExistingContract, lotId: string): Clause | undefined {
  const dropout = Object.values(contract.clauses).filter((clause) => clause.terms.type === 'DROPOUT');
  return dropout.find((clause) => clause.lotId === lotId) ?? dropout.find((clause) => clause.lotId === undefined);
}
