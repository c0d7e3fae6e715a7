import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { WalmartOrder, WalmartReturnOrder } from '../helpers/interfaces';
import type { RequestBudget } from './budget';
import type { WalmartFailure } from './errors';
import {
	describeDetails,
	fixFor,
	isContentNotFound,
	parseWalmartErrors,
	WalmartApiError,
	wasNotSent,
} from './errors';

export type { WalmartFailure } from './errors';
export { isUnknownOutcome, WalmartApiError, wasNotSent } from './errors';

export const CREDENTIAL_TYPE = 'walmartMarketplaceApi';

/** Walmart's largest page for orders and returns. */
export const MAX_PAGE_SIZE = 200;

const MAX_THROTTLE_RETRIES = 5;
const MAX_THROTTLE_WAIT_MS = 60_000;
const MAX_FAULT_RETRIES = 3;
export const REQUEST_TIMEOUT_MS = 60_000;
// Walmart caps one query at 10,000 orders; 200 pages of 200 is far beyond that, so hitting it
// means the cursor is not advancing.
const MAX_PAGES = 200;

export type WalmartContext =
	| IExecuteFunctions
	| IPollFunctions
	| ILoadOptionsFunctions
	| IHookFunctions;

export interface WalmartRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL; may carry a ready query string such as a `nextCursor`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/**
	 * Whether sending the request again after a 5xx or a dropped connection is harmless. Reads
	 * are; cancels and refunds are not, because Walmart may have applied the first attempt.
	 */
	idempotent: boolean;
	/** How long to wait for Walmart's answer; 60 s unless the caller chose otherwise. */
	timeoutMs?: number;
	/**
	 * The seller's shared allowance on this endpoint. With it, every attempt waits its turn and
	 * reports Walmart's throttle headers back, so concurrent readers slow down together.
	 */
	budget?: RequestBudget;
}

/** A Walmart answer with the headers a budget needs. */
export interface WalmartResponse<T> {
	body: T;
	headers: Record<string, unknown>;
}

interface HttpResponseLike {
	status?: number;
	headers?: Record<string, unknown>;
	data?: unknown;
}

interface HttpErrorLike {
	response?: HttpResponseLike;
	cause?: { response?: HttpResponseLike; code?: string; message?: string };
	code?: string;
	httpCode?: string | null;
	message?: string;
}

export function toFailure(error: unknown): WalmartFailure {
	const failure = error as HttpErrorLike;
	const response = failure.cause?.response ?? failure.response;
	const status = response?.status ?? (failure.httpCode ? Number(failure.httpCode) : undefined);
	return {
		status: Number.isFinite(status) ? status : undefined,
		details: parseWalmartErrors(response?.data),
		headers: response?.headers ?? {},
		networkCode: response ? undefined : (failure.cause?.code ?? failure.code),
	};
}

function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return value === undefined || value === null ? undefined : String(value);
}

/**
 * How long to wait after a 429. Walmart does not document the format of
 * X-Next-Replenishment-Time; epoch milliseconds, epoch seconds, seconds-from-now and ISO dates
 * have all been seen, so accept each.
 */
export function throttleWaitMs(
	headers: Record<string, unknown>,
	attempt: number,
	now = Date.now(),
): number {
	const raw =
		headerValue(headers, 'x-next-replenishment-time') ?? headerValue(headers, 'retry-after');
	let target: number | undefined;
	if (raw !== undefined && raw.trim() !== '') {
		const numeric = Number(raw);
		if (Number.isFinite(numeric)) {
			if (numeric > 1e12) target = numeric;
			else if (numeric > 1e9) target = numeric * 1000;
			else target = now + numeric * 1000;
		} else {
			const parsed = Date.parse(raw);
			if (!Number.isNaN(parsed)) target = parsed;
		}
	}
	const jitter = Math.floor(Math.random() * 250);
	if (target === undefined) return Math.min(MAX_THROTTLE_WAIT_MS, 1000 * 2 ** attempt + jitter);
	return Math.min(MAX_THROTTLE_WAIT_MS, Math.max(0, target - now) + jitter);
}

function backoffMs(attempt: number): number {
	return 500 * 2 ** attempt + Math.floor(Math.random() * 250);
}

export function isRetryableFault(failure: WalmartFailure): boolean {
	if (failure.status === undefined) return failure.networkCode !== undefined;
	return failure.status >= 500;
}

export function walmartError(
	context: WalmartContext,
	failure: WalmartFailure,
	request: Pick<WalmartRequest, 'method' | 'path' | 'itemIndex'>,
): WalmartApiError {
	const path = request.path.split('?')[0];
	const first = failure.details[0];
	let message: string;
	if (first) {
		message = `Walmart rejected ${request.method} ${path}: ${first.description ?? first.code}`;
	} else if (failure.status !== undefined) {
		message = `Walmart answered HTTP ${failure.status} to ${request.method} ${path}`;
	} else {
		message = `No answer from Walmart for ${request.method} ${path} (${failure.networkCode ?? 'connection failed'})`;
	}
	const description = [describeDetails(failure.details), fixFor(failure.details, failure.status)]
		.filter((part) => part !== '')
		.join('\n');
	return new WalmartApiError(context.getNode(), failure, {
		message,
		description,
		itemIndex: request.itemIndex,
	});
}

async function send<T>(
	context: WalmartContext,
	request: WalmartRequest,
): Promise<WalmartResponse<T>> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.path,
		qs: request.qs,
		body: request.body,
		json: true,
		timeout: request.timeoutMs ?? REQUEST_TIMEOUT_MS,
	};
	if (request.body !== undefined) options.headers = { 'Content-Type': 'application/json' };
	// Only a budgeted read needs the headers; everyone else keeps the plain body.
	if (request.budget === undefined) {
		const body = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			options,
		)) as T;
		return { body, headers: {} };
	}
	options.returnFullResponse = true;
	const response = (await context.helpers.httpRequestWithAuthentication.call(
		context,
		CREDENTIAL_TYPE,
		options,
	)) as { body: T; headers?: Record<string, unknown> };
	return { body: response.body, headers: response.headers ?? {} };
}

/**
 * Sends one Walmart call. n8n renews the token and resends once on a 401; this waits out
 * throttling (always safe: a 429 was not applied) and resends idempotent calls after 5xx or
 * dropped connections. Anything else becomes a NodeApiError that carries Walmart's code, field
 * and description plus the fix.
 */
export async function walmartApiRequest<T>(
	context: WalmartContext,
	request: WalmartRequest,
): Promise<T> {
	return (await walmartApiRequestWithHeaders<T>(context, request)).body;
}

/** As walmartApiRequest, also handing back the answer's headers when a budget asked for them. */
export async function walmartApiRequestWithHeaders<T>(
	context: WalmartContext,
	request: WalmartRequest,
): Promise<WalmartResponse<T>> {
	const { budget } = request;
	let throttled = 0;
	let faults = 0;
	for (;;) {
		if (budget) await budget.acquire();
		try {
			const response = await send<T>(context, request);
			budget?.settle(response.headers, false);
			return response;
		} catch (error) {
			const failure = toFailure(error);
			budget?.settle(failure.headers, failure.status === 429);
			// Not an HTTP failure at all, such as a refused token exchange: its message is already
			// the one to show.
			if (failure.status === undefined && failure.networkCode === undefined) {
				throw new NodeApiError(context.getNode(), error as JsonObject, {
					itemIndex: request.itemIndex,
				});
			}
			if (failure.status === 429 && throttled < MAX_THROTTLE_RETRIES) {
				// A budget already holds every worker until Walmart's replenishment time.
				if (!budget) await sleep(throttleWaitMs(failure.headers, throttled));
				throttled++;
				continue;
			}
			// A write is resent only when it provably never reached Walmart.
			const safeToResend = request.idempotent ? isRetryableFault(failure) : wasNotSent(failure);
			if (safeToResend && faults < MAX_FAULT_RETRIES) {
				await sleep(backoffMs(faults));
				faults++;
				continue;
			}
			throw walmartError(context, failure, request);
		}
	}
}

export interface Page<TItem> {
	items: TItem[];
	nextCursor?: string | null;
	/** What Walmart says the whole list holds, when it says. */
	totalCount?: number;
}

export interface PagedRequest<TResponse, TItem> {
	path: string;
	qs: IDataObject;
	itemIndex?: number;
	/** Stop once this many items are collected; undefined means every page. */
	max?: number;
	/** The page, or undefined when the answer is not the list envelope Walmart sends. */
	extract: (response: TResponse) => Page<TItem> | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function countOf(meta: unknown): number | undefined {
	const total = isRecord(meta) ? Number(meta.totalCount) : Number.NaN;
	return Number.isInteger(total) && total >= 0 ? total : undefined;
}

function cursorOf(meta: unknown): string | undefined {
	const cursor = isRecord(meta) ? meta.nextCursor : undefined;
	return typeof cursor === 'string' && cursor.trim() !== '' ? cursor : undefined;
}

/** `{ list: { meta, elements: { order: [...] } } }`, or undefined for anything else. */
export function orderListPage(response: unknown): Page<WalmartOrder> | undefined {
	const list = isRecord(response) ? response.list : undefined;
	if (!isRecord(list) || !isRecord(list.meta) || !isRecord(list.elements)) return undefined;
	const orders = list.elements.order;
	if (!Array.isArray(orders)) return undefined;
	return {
		items: orders as WalmartOrder[],
		nextCursor: cursorOf(list.meta),
		totalCount: countOf(list.meta),
	};
}

/** `{ meta, returnOrders: [...] }`, or undefined for anything else. */
export function returnListPage(response: unknown): Page<WalmartReturnOrder> | undefined {
	if (!isRecord(response) || !isRecord(response.meta)) return undefined;
	if (!Array.isArray(response.returnOrders)) return undefined;
	return {
		items: response.returnOrders as WalmartReturnOrder[],
		nextCursor: cursorOf(response.meta),
		totalCount: countOf(response.meta),
	};
}

function listFailure(
	context: WalmartContext,
	paged: { path: string; itemIndex?: number },
	message: string,
	description: string,
): WalmartApiError {
	return new WalmartApiError(
		context.getNode(),
		{ status: 200, details: [], headers: {} },
		{ message: `${message} (GET ${paged.path})`, description, itemIndex: paged.itemIndex },
	);
}

/** Where one page request goes: the list path with its filters, or the path with a cursor. */
export interface PageRequest {
	path: string;
	qs?: IDataObject;
	/** 0 for the first page of a query, where a 404 CONTENT_NOT_FOUND means "no results". */
	pageIndex: number;
	budget?: RequestBudget;
}

/**
 * Reads one page of a Walmart list and checks it is the list envelope. Undefined means Walmart
 * said nothing matches. Failures are thrown as the WalmartApiError naming the call and the fix.
 */
export async function readListPage<TResponse, TItem>(
	context: WalmartContext,
	paged: PagedRequest<TResponse, TItem>,
	read: PageRequest,
): Promise<Page<TItem> | undefined> {
	let malformed = 0;
	for (;;) {
		let response: TResponse;
		try {
			response = (
				await walmartApiRequestWithHeaders<TResponse>(context, {
					method: 'GET',
					path: read.path,
					qs: read.qs,
					itemIndex: paged.itemIndex,
					idempotent: true,
					budget: read.budget,
				})
			).body;
		} catch (error) {
			// Walmart answers "no orders match" with 404 CONTENT_NOT_FOUND rather than an empty list.
			if (
				// On a later page it means the cursor broke, not that the list ended.
				read.pageIndex === 0 &&
				error instanceof WalmartApiError &&
				error.walmartFailure.status === 404 &&
				isContentNotFound(error.walmartFailure.details)
			) {
				return undefined;
			}
			// Hands back the same WalmartApiError: it already names the call and the fix.
			throw new NodeApiError(context.getNode(), error as JsonObject);
		}
		const parsed = paged.extract(response);
		if (parsed !== undefined) return parsed;
		// An empty, HTML or truncated 200 is a fault like a 5xx: ask again, then fail.
		if (malformed < MAX_FAULT_RETRIES) {
			await sleep(backoffMs(malformed));
			malformed++;
			continue;
		}
		throw listFailure(
			context,
			paged,
			`Walmart's answer to page ${read.pageIndex + 1} was not a list`,
			`It was not the list Walmart normally sends, ${malformed + 1} times in a row, so nothing was returned rather than a short list. Try again later; if it persists, check the credential’s environment or Custom Base URL.`,
		);
	}
}

/** The path of the page after this one: Walmart's cursor appended as the whole query. */
export function cursorPath(path: string, nextCursor: string): string {
	return `${path}${nextCursor.startsWith('?') ? '' : '?'}${nextCursor}`;
}

/**
 * Follows one query's cursor from its first page to the end, or fails loudly: it never
 * returns a short list as if it were complete. `nextCursor` is a ready query string that already
 * holds the original filters, so the next page is the path with the cursor appended: sending it
 * as a `nextCursor=` parameter makes Walmart silently repeat page one.
 */
export async function followCursor<TResponse, TItem>(
	context: WalmartContext,
	paged: PagedRequest<TResponse, TItem>,
	first: Page<TItem>,
	budget?: RequestBudget,
): Promise<TItem[]> {
	const collected: TItem[] = [];
	const seenCursors = new Set<string>();
	const totalCount = first.totalCount;
	let parsed = first;
	let page = 0;
	for (;;) {
		collected.push(...parsed.items);
		if (paged.max !== undefined && collected.length >= paged.max) {
			return collected.slice(0, paged.max);
		}
		const { nextCursor } = parsed;
		if (!nextCursor) {
			if (paged.max === undefined && totalCount !== undefined && collected.length < totalCount) {
				throw listFailure(
					context,
					paged,
					`Walmart listed ${collected.length} of the ${totalCount} results it announced`,
					'The list ended early, so nothing was returned rather than a short list. Run the node again; if it persists, narrow the date range.',
				);
			}
			return collected;
		}
		if (seenCursors.has(nextCursor)) {
			throw listFailure(
				context,
				paged,
				`Walmart sent the same page cursor twice after ${collected.length} results`,
				'Paging did not advance, so nothing was returned rather than a short or endless list. Run the node again, or narrow the date range.',
			);
		}
		seenCursors.add(nextCursor);
		page++;
		if (page >= MAX_PAGES) break;
		const next = await readListPage(context, paged, {
			path: cursorPath(paged.path, nextCursor),
			pageIndex: page,
			budget,
		});
		// Only a first page may say "nothing matches"; readListPage throws for later ones.
		if (next === undefined) return collected;
		parsed = next;
	}
	throw listFailure(
		context,
		paged,
		`Walmart still had more results after ${MAX_PAGES} pages (${collected.length} so far)`,
		'Narrow the date range (Walmart caps one query at 10,000 orders) and run the node again.',
	);
}

/**
 * Reads every page of a Walmart list through one cursor, strictly one page after another: the
 * minimum number of calls. Limit uses it, as does Return All with concurrency 1.
 */
export async function walmartApiRequestAllItems<TResponse, TItem>(
	context: WalmartContext,
	paged: PagedRequest<TResponse, TItem>,
	budget?: RequestBudget,
): Promise<TItem[]> {
	const pageSize = Math.min(MAX_PAGE_SIZE, paged.max ?? MAX_PAGE_SIZE);
	const first = await readListPage(context, paged, {
		path: paged.path,
		qs: { ...paged.qs, limit: pageSize },
		pageIndex: 0,
		budget,
	});
	if (first === undefined) return [];
	return await followCursor(context, paged, first, budget);
}
