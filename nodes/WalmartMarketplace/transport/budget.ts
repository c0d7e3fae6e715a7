import { sleep } from 'n8n-workflow';

/**
 * Requests per minute Walmart is said to allow when it sends no throttle headers. Only the
 * orders figure has a (third-party) source; nothing was found for returns, so every other
 * endpoint gets a deliberately modest guess.
 */
const DOCUMENTED_PER_MINUTE: Record<string, number> = {
	'/v3/orders': 5000,
	'/v3/orders/released': 5000,
};
const UNDOCUMENTED_PER_MINUTE = 1000;
// Walmart's replenishment time is rounded; arriving a hair early costs a 429.
const REPLENISH_MARGIN_MS = 3;
const MAX_PAUSE_MS = 60_000;
// A worker waiting for another's answer to learn the bucket gives up after this and goes anyway.
const MAX_WAIT_FOR_NEWS_MS = 1000;

function headerValue(headers: Record<string, unknown>, names: string[]): string | undefined {
	for (const key of Object.keys(headers)) {
		if (!names.includes(key.toLowerCase())) continue;
		const value = headers[key];
		if (value !== undefined && value !== null && String(value).trim() !== '') {
			return String(value).trim();
		}
	}
	return undefined;
}

/**
 * When Walmart's next request token arrives. The format is undocumented: epoch milliseconds,
 * epoch seconds, seconds from now and ISO dates have all been reported.
 */
export function replenishmentAt(headers: Record<string, unknown>, now = Date.now()) {
	const raw = headerValue(headers, [
		'x-next-replenishment-time',
		'x-next-replenish-time',
		'retry-after',
	]);
	if (raw === undefined) return undefined;
	const numeric = Number(raw);
	if (Number.isFinite(numeric)) {
		if (numeric > 1e12) return numeric;
		if (numeric > 1e9) return numeric * 1000;
		return now + numeric * 1000;
	}
	const parsed = Date.parse(raw);
	return Number.isNaN(parsed) ? undefined : parsed;
}

export function tokenCount(headers: Record<string, unknown>): number | undefined {
	const raw = headerValue(headers, ['x-current-token-count']);
	const count = raw === undefined ? Number.NaN : Number(raw);
	return Number.isFinite(count) && count >= 0 ? Math.floor(count) : undefined;
}

/**
 * One seller's request allowance on one endpoint, shared by every worker and every execution in
 * this n8n process. Walmart's bucket is per seller and per API, so concurrent windows that each
 * obeyed only their own 429s would keep emptying it for one another.
 */
export class RequestBudget {
	private tokens: number | undefined;
	private replenishAt: number | undefined;
	private pausedUntil = 0;
	private inFlight = 0;
	private lastStart = 0;
	private sawHeaders = false;
	private turn: Promise<void> = Promise.resolve();
	private waiters: Array<() => void> = [];

	constructor(private readonly perMinute: number) {}

	/** Waits until a request may start; call `settle` with its answer's headers afterwards. */
	async acquire(): Promise<void> {
		// One worker decides at a time, so a single remaining token is never handed out twice.
		const mine = this.turn.then(async () => await this.waitForTurn());
		this.turn = mine.catch(() => undefined);
		await mine;
	}

	private async waitForTurn(): Promise<void> {
		for (;;) {
			const now = Date.now();
			if (this.pausedUntil > now) {
				await sleep(this.pausedUntil - now);
				continue;
			}
			if (this.tokens !== undefined) {
				if (this.tokens >= 1) {
					this.tokens--;
					break;
				}
				if (this.replenishAt !== undefined) {
					if (this.replenishAt > now) {
						await sleep(Math.min(MAX_PAUSE_MS, this.replenishAt - now + REPLENISH_MARGIN_MS));
						continue;
					}
					// That token is this request's; the next one waits to hear when the one after comes.
					this.replenishAt = undefined;
					break;
				}
				if (this.inFlight > 0) {
					await this.nextNews();
					continue;
				}
				break;
			}
			if (!this.sawHeaders) {
				const due = this.lastStart + 60_000 / this.perMinute;
				if (due > now) {
					await sleep(due - now);
					continue;
				}
			}
			break;
		}
		this.lastStart = Date.now();
		this.inFlight++;
	}

	private async nextNews(): Promise<void> {
		let wake = () => {};
		const news = new Promise<void>((resolve) => (wake = resolve));
		this.waiters.push(wake);
		await Promise.race([news, sleep(MAX_WAIT_FOR_NEWS_MS)]);
		this.waiters = this.waiters.filter((waiter) => waiter !== wake);
	}

	/** Records what Walmart said about the bucket; `throttled` when it answered 429. */
	settle(headers: Record<string, unknown>, throttled: boolean): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		const now = Date.now();
		const count = tokenCount(headers);
		const next = replenishmentAt(headers, now);
		if (count !== undefined) {
			this.sawHeaders = true;
			// Requests still in flight were admitted after this count was taken, or will be.
			this.tokens = Math.max(0, count - this.inFlight);
			this.replenishAt = next;
		}
		if (throttled) {
			this.tokens = 0;
			this.replenishAt = undefined;
			const until = next ?? now + 1000;
			this.pausedUntil = Math.max(this.pausedUntil, Math.min(now + MAX_PAUSE_MS, until));
		}
		const waiters = this.waiters;
		this.waiters = [];
		for (const wake of waiters) wake();
	}
}

const budgets = new Map<string, RequestBudget>();

/** The budget for one credential on one endpoint (the path without its query). */
export function budgetFor(credentialKey: string, path: string): RequestBudget {
	const endpoint = path.split('?')[0].replace(/\/+$/, '');
	const key = `${credentialKey}\u0000${endpoint}`;
	let budget = budgets.get(key);
	if (budget === undefined) {
		budget = new RequestBudget(DOCUMENTED_PER_MINUTE[endpoint] ?? UNDOCUMENTED_PER_MINUTE);
		budgets.set(key, budget);
	}
	return budget;
}
