/**
 * The one write runner every write (cancel, refund, acknowledge, ship, tracking correction) goes
 * through. Operations parse their input and
 * planners decide what to send; this runs the plan:
 *
 * 1. Writes on the same purchase order (or return) with the same Walmart account wait for each
 *    other inside this n8n process, and the order is read fresh inside that section, so two
 *    executions never plan against the same state.
 * 2. Dry run: the plan and the exact requests, nothing sent.
 * 3. Batches are sent once. Walmart has no idempotency key, so after a timeout, a dropped
 *    connection or a 5xx the order is read back on a schedule long enough to see a write that
 *    lands late; a batch still not visible is reported unconfirmed and never resent.
 * 4. After sending, Walmart's state is compared with the plan: more than planned (another process
 *    wrote at the same moment) fails the item loudly, naming the line and the amounts.
 * 5. Every line's outcome is reported, in the output or in the error, whatever failed.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { WriteRequest } from '../transport/api';
import { sendWrite } from '../transport/api';
import { isUnknownOutcome, REQUEST_TIMEOUT_MS, WalmartApiError } from '../transport';
import { parseDryRun, parsePositiveWholeNumber } from './parse';

/** What a sent line becomes once Walmart applied it. */
export type DoneOutcome = 'cancelled' | 'refunded' | 'acknowledged' | 'shipped' | 'updated';

export type Outcome = 'planned' | DoneOutcome | 'skipped' | 'failed' | 'unconfirmed';

/** What happened to one requested line (or one charge of a line) in a write. */
export interface LineOutcome {
	lineNumber: string;
	outcome: Outcome;
	quantity?: number;
	chargeType?: string;
	amount?: number;
	taxAmount?: number;
	reason?: string;
	/** Shipments and tracking corrections: the package this entry is about. */
	trackingNumber?: string;
	previousTrackingNumber?: string;
	carrier?: string;
	methodCode?: string;
	trackingURL?: string;
	shipDateTime?: string;
	message?: string;
	walmartCode?: string;
}

export interface WriteBatch<TState> {
	/** One entry per line or charge in the request, with outcome `planned`. */
	lines: LineOutcome[];
	request: WriteRequest;
	/** Whether `now` shows this batch applied on top of `before`. */
	isApplied: (before: TState, now: TState) => boolean;
}

export interface WritePlan<TState> {
	batches: Array<WriteBatch<TState>>;
	/** Lines reported but not sent: already done, or skipped by choice. */
	skipped: LineOutcome[];
}

export interface WriteJob<TState> {
	/** Identifies the order or return in the output, e.g. `{ purchaseOrderId }`. */
	subject: IDataObject;
	/** What a sent line becomes. */
	done: DoneOutcome;
	/** Where the order or return goes in the output. */
	stateKey: 'order' | 'return';
	/** Plain words for messages: `purchase order 123`. */
	label: string;
	read: () => Promise<TState>;
	/** Pure: the plan for this state, or an InputError naming what is refused. */
	plan: (state: TState) => WritePlan<TState>;
	/**
	 * Where Walmart now shows more than the batches that may have applied (sent, or unconfirmed)
	 * account for: one text per line, naming it and the amounts.
	 */
	excess: (before: TState, after: TState, mayHaveApplied: Array<WriteBatch<TState>>) => string[];
	render: (state: TState) => IDataObject;
	/** What a person should look at when an outcome is unknown. */
	whereToCheck: string;
}

export interface WriteSettings {
	dryRun: boolean;
	timeoutMs: number;
	/** How long to keep reading back after an unknown outcome before calling it unconfirmed. */
	readBackMs: number;
}

export interface WriteReport {
	summary: IDataObject;
	lines: LineOutcome[];
	excess?: string[];
}

/** A write whose lines did not all succeed. Carries the full per-line report. */
export class WriteReportError extends NodeOperationError {
	readonly report: WriteReport;

	constructor(
		context: IExecuteFunctions,
		itemIndex: number,
		message: string,
		description: string,
		report: WriteReport,
	) {
		super(context.getNode(), message, { itemIndex, description });
		this.report = report;
	}
}

/** Default read-back window: the node's own 60 s timeout plus as long again for Walmart's side. */
export const DEFAULT_READ_BACK_MS = 120_000;

const locks = new Map<string, Promise<void>>();

/** Runs `task` after every earlier task with the same key has finished, in arrival order. */
export async function withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
	const previous = locks.get(key) ?? Promise.resolve();
	let release: () => void = () => {};
	const current = new Promise<void>((resolve) => (release = resolve));
	const tail = previous.then(async () => await current);
	locks.set(key, tail);
	await previous;
	try {
		return await task();
	} finally {
		release();
		if (locks.get(key) === tail) locks.delete(key);
	}
}

/**
 * Delays between read-backs: 1, 2, 4, … s (at most 30 s apart) until the window is used up, so
 * a write applied at once is seen at once and a late one is still seen near the window's end.
 */
export function readBackDelays(windowMs: number): number[] {
	const delays: number[] = [];
	let elapsed = 0;
	let next = Math.min(1000, windowMs);
	while (elapsed < windowMs) {
		const delay = Math.min(next, windowMs - elapsed);
		delays.push(delay);
		elapsed += delay;
		next = Math.min(next * 2, 30_000);
	}
	return delays;
}

/** Dry Run, Request Timeout and Read-Back Window from the operation's options. */
export function readWriteSettings(context: IExecuteFunctions, options: IDataObject): WriteSettings {
	const runsAsTool = context.getNode().type.endsWith('Tool');
	const seconds = (name: string, field: string, fallbackMs: number) =>
		options[name] === undefined
			? fallbackMs
			: parsePositiveWholeNumber(
					options[name],
					`"${field}"`,
					`Enter a whole number of seconds, such as ${fallbackMs / 1000}.`,
				) * 1000;
	return {
		dryRun: parseDryRun(options.dryRun, runsAsTool),
		timeoutMs: seconds('timeoutSeconds', 'Request Timeout (Seconds)', REQUEST_TIMEOUT_MS),
		readBackMs: seconds('readBackSeconds', 'Read-Back Window (Seconds)', DEFAULT_READ_BACK_MS),
	};
}

/**
 * Where Walmart's figures grew by more than this run accounts for. `was` and `is` are per-key
 * figures (units, cents) before and after; `allowed` is what the run's batches may have added.
 */
export function findExcess(
	was: Map<string, number>,
	is: Map<string, number>,
	allowed: Map<string, number>,
	describe: (key: string, added: number, allowed: number) => string,
): string[] {
	const problems: string[] = [];
	for (const [key, value] of is) {
		const added = value - (was.get(key) ?? 0);
		const limit = allowed.get(key) ?? 0;
		if (added > limit) problems.push(describe(key, added, limit));
	}
	return problems;
}

/** Splits a list into runs of at most `size`, in order: Walmart takes at most 100 lines a request. */
export function chunk<T>(values: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < values.length; start += size) {
		chunks.push(values.slice(start, start + size));
	}
	return chunks;
}

/** Sums a figure of every planned line of the batches, per key. */
export function plannedTotals<TState>(
	batches: Array<WriteBatch<TState>>,
	keyOf: (line: LineOutcome) => string,
	amountOf: (line: LineOutcome) => number,
): Map<string, number> {
	const totals = new Map<string, number>();
	for (const batch of batches) {
		for (const line of batch.lines) {
			totals.set(keyOf(line), (totals.get(keyOf(line)) ?? 0) + amountOf(line));
		}
	}
	return totals;
}

/** How the failure message starts: `Cancelled 3 of 5 lines …`. */
const DONE_VERBS: Record<DoneOutcome, string> = {
	cancelled: 'Cancelled',
	refunded: 'Refunded',
	acknowledged: 'Acknowledged',
	shipped: 'Shipped',
	updated: 'Updated the tracking of',
};

export function summarise(
	outcomes: LineOutcome[],
	requests: number,
	done: DoneOutcome = 'cancelled',
): IDataObject {
	const count = (outcome: Outcome) => outcomes.filter((line) => line.outcome === outcome).length;
	// Cancels and refunds have always reported both counts; later writes report their own.
	const doneCounts =
		done === 'cancelled' || done === 'refunded'
			? { cancelled: count('cancelled'), refunded: count('refunded') }
			: { [done]: count(done) };
	return {
		requested: outcomes.length,
		...doneCounts,
		skipped: count('skipped'),
		failed: count('failed'),
		unconfirmed: count('unconfirmed'),
		planned: count('planned'),
		requests,
	};
}

function walmartMessage(error: unknown): { message: string; walmartCode?: string } {
	if (error instanceof WalmartApiError) {
		const first = error.walmartFailure.details[0];
		return { message: first?.description ?? error.message, walmartCode: first?.code };
	}
	return { message: error instanceof Error ? error.message : String(error) };
}

function describeFailure(error: unknown): string {
	if (error instanceof WalmartApiError) {
		const failure = error.walmartFailure;
		if (failure.status !== undefined) return `HTTP ${failure.status}`;
		return failure.networkCode ?? 'no answer';
	}
	return error instanceof Error ? error.message : String(error);
}

async function readBack<TState>(
	job: WriteJob<TState>,
	batch: WriteBatch<TState>,
	before: TState,
	windowMs: number,
): Promise<{ applied: true; state: TState } | { applied: false; readError?: string }> {
	let readError: string | undefined;
	for (const delay of readBackDelays(windowMs)) {
		await sleep(delay);
		try {
			const now = await job.read();
			readError = undefined;
			if (batch.isApplied(before, now)) return { applied: true, state: now };
		} catch (error) {
			readError = error instanceof Error ? error.message : String(error);
		}
	}
	return { applied: false, readError };
}

function outputOf<TState>(
	job: WriteJob<TState>,
	dryRun: boolean,
	report: WriteReport,
	requests: WriteRequest[],
	state: TState,
): INodeExecutionData[] {
	return [
		{
			json: {
				...job.subject,
				dryRun,
				summary: report.summary,
				lines: report.lines as unknown as IDataObject[],
				requests: requests as unknown as IDataObject[],
				[job.stateKey]: job.render(state),
			},
		},
	];
}

export async function runWrite<TState>(
	context: IExecuteFunctions,
	itemIndex: number,
	lockKey: string,
	job: WriteJob<TState>,
	settings: WriteSettings,
): Promise<INodeExecutionData[]> {
	return await withLock(lockKey, async () => {
		// Read inside the lock: a copy from before the wait could already be out of date.
		const before = await job.read();
		const plan = job.plan(before);
		const outcomes: LineOutcome[] = [...plan.skipped];
		const requests = plan.batches.map((batch) => batch.request);

		if (settings.dryRun) {
			outcomes.push(...plan.batches.flatMap((batch) => batch.lines));
			const report = { summary: summarise(outcomes, 0, job.done), lines: outcomes };
			return outputOf(job, true, report, requests, before);
		}

		let latest: TState = before;
		let sent = 0;
		// Sent and applied, or sent with an unknown outcome: what may now be on Walmart's side.
		const applied: Array<WriteBatch<TState>> = [];
		for (const batch of plan.batches) {
			const resolve = (outcome: Outcome, extra: Partial<LineOutcome> = {}) =>
				outcomes.push(...batch.lines.map((line) => ({ ...line, outcome, ...extra })));
			sent++;
			try {
				await sendWrite(context, batch.request, itemIndex, settings.timeoutMs);
				applied.push(batch);
				resolve(job.done);
				continue;
			} catch (error) {
				if (!(error instanceof WalmartApiError) || !isUnknownOutcome(error.walmartFailure)) {
					resolve('failed', walmartMessage(error));
					continue;
				}
				const check = await readBack(job, batch, before, settings.readBackMs);
				if (check.applied) {
					latest = check.state;
					applied.push(batch);
					resolve(job.done, {
						message: `Walmart did not answer (${describeFailure(error)}), but reading ${job.label} back shows it applied`,
					});
					continue;
				}
				applied.push(batch);
				resolve('unconfirmed', {
					message: `Walmart did not answer (${describeFailure(error)}) and ${
						check.readError
							? `reading ${job.label} back failed too (${check.readError})`
							: `the change is not visible on ${job.label} after ${Math.round(settings.readBackMs / 1000)} s`
					}. Not resent, because Walmart may still apply it and a resend could apply it twice. Check ${job.whereToCheck} before running again.`,
				});
			}
		}

		let after = latest;
		let excess: string[] = [];
		let verification = 'nothing sent';
		if (applied.length > 0) {
			try {
				after = await job.read();
				excess = job.excess(before, after, applied);
				verification = excess.length ? 'excess found' : 'matches the plan';
			} catch (error) {
				verification = `not possible: reading ${job.label} back failed (${describeFailure(error)})`;
			}
		}
		const report: WriteReport = {
			summary: { ...summarise(outcomes, sent, job.done), verification },
			lines: outcomes,
			...(excess.length ? { excess } : {}),
		};
		const failed = outcomes.filter(
			(line) => line.outcome === 'failed' || line.outcome === 'unconfirmed',
		);
		if (failed.length === 0 && excess.length === 0) {
			return outputOf(job, false, report, requests, after);
		}
		const done = outcomes.filter((line) => line.outcome === job.done);
		const message = excess.length
			? `Walmart now shows more than this run sent on ${job.label}: ${excess[0]}`
			: `${DONE_VERBS[job.done]} ${done.length} of ${done.length + failed.length} lines on ${job.label}; ${failed.length} ${failed.some((line) => line.outcome === 'unconfirmed') ? 'failed or unconfirmed' : 'failed'}`;
		const description = [
			...excess.map(
				(text) =>
					`Excess: ${text}. Another execution or process probably wrote at the same moment; check ${job.whereToCheck} and reverse what should not be there.`,
			),
			...failed.map((line) => `Line ${line.lineNumber} ${line.outcome}: ${line.message ?? ''}`),
		].join('\n');
		throw new WriteReportError(context, itemIndex, message, description, report);
	});
}
