import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { WalmartErrorDetail } from '../helpers/interfaces';

/** A failure seen by the transport, with what Walmart said about it. */
export interface WalmartFailure {
	status?: number;
	details: WalmartErrorDetail[];
	headers: Record<string, unknown>;
	/** Set when no HTTP answer came: ECONNRESET, ETIMEDOUT, ECONNREFUSED, … */
	networkCode?: string;
}

/**
 * Walmart refused a call, or did not answer it. Carries Walmart's failure so that callers
 * decide on the status and codes, not on the wording of a message.
 */
export class WalmartApiError extends NodeApiError {
	readonly walmartFailure: WalmartFailure;

	constructor(
		node: INode,
		failure: WalmartFailure,
		texts: { message: string; description: string; itemIndex?: number },
	) {
		super(
			node,
			{ status: failure.status ?? null, walmartErrors: failure.details } as unknown as JsonObject,
			{
				message: texts.message,
				description: texts.description,
				httpCode: failure.status === undefined ? undefined : String(failure.status),
				itemIndex: texts.itemIndex,
			},
		);
		this.walmartFailure = failure;
		this.context.walmartErrors = failure.details;
	}
}

/** Network codes that mean the request never left this machine, so Walmart cannot have applied it. */
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

export function wasNotSent(failure: WalmartFailure): boolean {
	return failure.status === undefined && NOT_SENT_CODES.includes(failure.networkCode ?? '');
}

/**
 * Whether Walmart may or may not have applied a write: it timed out, the connection dropped
 * after sending, or Walmart answered 5xx. Only reading the order back can tell.
 */
export function isUnknownOutcome(failure: WalmartFailure): boolean {
	if (failure.status === undefined)
		return failure.networkCode !== undefined && !wasNotSent(failure);
	return failure.status >= 500;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toDetail(entry: unknown): WalmartErrorDetail | undefined {
	if (!isObject(entry)) return undefined;
	const code = entry.code ?? entry.type ?? entry.title;
	const description = entry.description ?? entry.message ?? entry.detail;
	if (code === undefined && description === undefined) return undefined;
	return {
		code: String(code ?? 'UNKNOWN'),
		field: entry.field === undefined || entry.field === null ? undefined : String(entry.field),
		description: description === undefined ? undefined : String(description),
		info: entry.info === undefined || entry.info === null ? undefined : String(entry.info),
		severity: entry.severity === undefined ? undefined : String(entry.severity),
		category: entry.category === undefined ? undefined : String(entry.category),
	};
}

function toDetails(list: unknown): WalmartErrorDetail[] {
	const entries = Array.isArray(list) ? list : [list];
	return entries.map(toDetail).filter((detail): detail is WalmartErrorDetail => !!detail);
}

/**
 * Walmart answers errors in several envelopes depending on the API and its age:
 * `{errors:{error:[…]}}`, `{errors:[…]}`, `{error:[…]}` and problem+json. Accept them all.
 */
export function parseWalmartErrors(body: unknown): WalmartErrorDetail[] {
	let parsed = body;
	if (typeof parsed === 'string') {
		try {
			parsed = JSON.parse(parsed);
		} catch {
			return [];
		}
	}
	if (!isObject(parsed)) return [];
	const errors = parsed.errors;
	if (isObject(errors) && errors.error !== undefined) return toDetails(errors.error);
	if (Array.isArray(errors)) return toDetails(errors);
	if (parsed.error !== undefined) return toDetails(parsed.error);
	if (parsed.title !== undefined || parsed.detail !== undefined) {
		return toDetails({ code: parsed.title, description: parsed.detail, type: parsed.type });
	}
	return [];
}

/** The Walmart code without its API suffix: `INVALID_REQUEST_PARAM.GMP_ORDER_API` → `INVALID_REQUEST_PARAM`. */
export function baseCode(code: string): string {
	return code.split('.')[0];
}

export function isContentNotFound(details: WalmartErrorDetail[]): boolean {
	return details.some((detail) => baseCode(detail.code) === 'CONTENT_NOT_FOUND');
}

const FIXES: Record<string, string> = {
	UNAUTHORIZED:
		'Check the Walmart Marketplace credential: the Client ID and Client Secret must belong to the chosen environment.',
	FORBIDDEN:
		'The API key lacks permission for this call. In Seller Center, give the key access to Orders and Returns.',
	INVALID_REQUEST_PARAM: 'Correct the field named above and run the node again.',
	MISSING_REQUEST_PARAM: 'Fill in the field named above and run the node again.',
	INVALID_REQUEST_CONTENT:
		'Walmart refused the request content. Correct the field named above; if it names an order line, check that line’s current status in Get Order.',
	MALFORMED_REQUEST_CONTENT: 'Walmart could not read the request. Check the fields named above.',
	INVALID_REQUEST_HEADER: 'Check the credential’s Market and Consumer Channel Type settings.',
	MISSING_REQUEST_HEADER: 'Check the credential’s Market and Consumer Channel Type settings.',
	CONTENT_NOT_FOUND: 'Check that the ID exists for this seller and environment.',
	REQUEST_THRESHOLD_VIOLATED:
		'Walmart’s rate limit for this call was reached and did not recover in time. Run fewer items at once or try again in a few minutes.',
	RESOURCE_IS_LOCKED:
		'Walmart is still processing an earlier change to this order. Try again in a minute.',
	SYSTEM_ERROR: 'Walmart had an internal error. Try again later.',
	INVALID_SYSTEM_STATE: 'Walmart had an internal error. Try again later.',
	DOWNSTREAM_SYSTEM_TIME_OUT: 'Walmart timed out internally. Try again later.',
};

const STATUS_FIXES: Record<string, string> = {
	'400': 'Check the fields of this operation.',
	'401': FIXES.UNAUTHORIZED,
	'403': FIXES.FORBIDDEN,
	'404': FIXES.CONTENT_NOT_FOUND,
	'429': FIXES.REQUEST_THRESHOLD_VIOLATED,
};

export function fixFor(details: WalmartErrorDetail[], status: number | undefined): string {
	for (const detail of details) {
		const fix = FIXES[baseCode(detail.code)];
		if (fix) return fix;
	}
	if (status !== undefined && STATUS_FIXES[String(status)]) return STATUS_FIXES[String(status)];
	if (status !== undefined && status >= 500) return FIXES.SYSTEM_ERROR;
	return 'Check the node’s fields and the credential, then run it again.';
}

/** One readable line per Walmart error: code, field and description. */
export function describeDetails(details: WalmartErrorDetail[]): string {
	return details
		.map((detail) => {
			const field = detail.field && detail.field !== 'data' ? ` (field: ${detail.field})` : '';
			const text = detail.description ?? detail.info ?? '';
			return `${detail.code}${field}${text ? `: ${text}` : ''}`;
		})
		.join('\n');
}
