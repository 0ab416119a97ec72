import { RecordedEvent } from '@app/event-store';
import { ADJUSTMENT_POLICY_VERSIONS, OrderAdjustmentProposed } from '@app/procurement';
import { RuleViolation } from '@app/shared';
import { compare } from './compare';
import { CONTRACT_STREAM } from './contract.stream';
import { DECLARATION_STREAM, LABOUR_MARKET_STREAM } from './coordination.stream';
import { DELIVERY_STREAM } from './delivery.stream';
import { PAYMENTS_STREAM } from './payments.stream';
import { EVALUATION_STREAM, PROGRAMME_STREAM } from './programme.stream';
import { proposalProblem } from './proposal';
import { PRICE_INDEX_STREAM, PROVIDER_REGISTER_STREAM } from './register.stream';
import { BadEvent, VerificationCheck, VerificationReport } from './report';
import { Group, StreamVerifier } from './stream-verifier';

/** The streams whose decisions are decided again, by the prefix of their id. */
const STREAM_VERIFIERS: ReadonlyArray<StreamVerifier<unknown>> = [
  CONTRACT_STREAM,
  DELIVERY_STREAM,
  DECLARATION_STREAM,
  LABOUR_MARKET_STREAM,
  PRICE_INDEX_STREAM,
  PROVIDER_REGISTER_STREAM,
  PAYMENTS_STREAM,
  PROGRAMME_STREAM,
  EVALUATION_STREAM,
];

const verifierOf = (streamId: string): StreamVerifier<unknown> | undefined => STREAM_VERIFIERS.find(({ prefix }) => streamId.startsWith(prefix));

interface StreamReplay {
  verifier: StreamVerifier<unknown>;
  state: unknown;
  group?: Group<unknown>;
  /** Commands already judged in this stream: the command path never writes one command twice. */
  commands: Set<string>;
  /** Set once the stream's facts cannot be folded: later events of the stream are not judged. */
  broken: boolean;
}

export class Replay {
  readonly failures: BadEvent[] = [];
  readonly decisions: VerificationReport['decisions'] = { streams: 0, events: 0, decided: 0, folded: 0, otherStreams: 0, failed: 0, byType: {} };
  readonly proposals: VerificationReport['proposals'] = { checked: 0, matched: 0, failed: 0, unknownVersion: [] };
  private readonly streams = new Map<string, StreamReplay>();

  take(event: RecordedEvent): void {
    this.decisions.events += 1;
    if (event.type === 'OrderAdjustmentProposed') this.checkProposal(event);
    const verifier = verifierOf(event.streamId);
    if (verifier === undefined) {
      this.decisions.otherStreams += 1;
      return;
    }
    let stream = this.streams.get(event.streamId);
    if (!stream) {
      stream = { verifier, state: verifier.initialState(), broken: false, commands: new Set() };
      this.streams.set(event.streamId, stream);
      this.decisions.streams += 1;
    }
    if (stream.broken) return;
    const group = stream.group;
    if (group && group.commandId === event.metadata.commandId) {
      group.events.push(event);
    } else {
      if (group) this.judge(stream, group);
      if (stream.commands.has(event.metadata.commandId)) {
        this.fail('decision', event, `command ${event.metadata.commandId} already wrote earlier events of this stream: the command path writes a command's events once, together`);
        this.count([event], 'failed');
        stream.group = undefined;
        this.fold(stream, event);
        return;
      }
      stream.commands.add(event.metadata.commandId);
      stream.group = {
        commandId: event.metadata.commandId,
        events: [event],
        stateBefore: stream.state,
        ...verifier.factsBefore?.(event, (streamId) => this.streams.get(streamId)?.state),
      };
    }
    this.fold(stream, event);
  }

  private fold(stream: StreamReplay, event: RecordedEvent): void {
    try {
      stream.state = stream.verifier.evolve(stream.state, event);
    } catch (error) {
      stream.broken = true;
      stream.group = undefined;
      this.fail('decision', event, `the event cannot be folded into the state before it (${(error as Error).message})`);
      this.count([event], 'failed');
    }
  }

  finish(): void {
    for (const stream of this.streams.values()) {
      if (stream.group && !stream.broken) this.judge(stream, stream.group);
      stream.group = undefined;
    }
  }

  /** Decides the rebuilt command again on the state before the group and compares with what was recorded. */
  private judge(stream: StreamReplay, group: Group<unknown>): void {
    const [first] = group.events;
    let decided: Array<{ type: string; data: object }>;
    try {
      const command = stream.verifier.rerun(group);
      if (command === 'not rebuildable') {
        this.count(group.events, 'folded');
        return;
      }
      if (typeof command === 'string') {
        this.fail('decision', first, command);
        this.count(group.events, 'failed');
        return;
      }
      decided = command();
    } catch (error) {
      const refusal = error instanceof RuleViolation ? `${error.code} (${error.rule}): ${error.message}` : (error as Error).message;
      this.fail('decision', first, `the decider refuses the command rebuilt from this event: ${refusal}`);
      this.count(group.events, 'failed');
      return;
    }
    const difference = compare(decided, group.events);
    if (difference) {
      this.fail('decision', difference.event, difference.reason);
      this.count(group.events, 'failed');
      return;
    }
    this.count(group.events, 'decided');
  }

  private count(events: RecordedEvent[], outcome: 'decided' | 'folded' | 'failed'): void {
    for (const event of events) {
      this.decisions[outcome] += 1;
      const entry = (this.decisions.byType[event.type] ??= { decided: 0, folded: 0, failed: 0 });
      entry[outcome] += 1;
    }
  }

  private checkProposal(event: RecordedEvent): void {
    const data = event.data as OrderAdjustmentProposed['data'];
    if (!ADJUSTMENT_POLICY_VERSIONS.includes(data.policyVersion)) {
      this.proposals.unknownVersion.push({ position: event.position, streamId: event.streamId, tenant: event.metadata.tenant, proposalId: data.proposalId, policyVersion: data.policyVersion });
      return;
    }
    this.proposals.checked += 1;
    const problem = proposalProblem(data);
    if (problem) {
      this.proposals.failed += 1;
      this.fail('proposal', event, problem);
    } else {
      this.proposals.matched += 1;
    }
  }

  private fail(check: VerificationCheck, event: RecordedEvent, reason: string): void {
    this.failures.push({
      check,
      position: event.position,
      streamId: event.streamId,
      revision: event.revision,
      eventId: event.id,
      type: event.type,
      tenant: event.metadata.tenant,
      reason,
    });
  }
}
