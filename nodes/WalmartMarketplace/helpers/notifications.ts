import { createHmac, createHash, randomBytes, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { show } from './parse';

/**
 * What the webhook trigger needs that has no n8n context: the events it offers, the secret it
 * generates, the check of an incoming call, the reading of Walmart's envelope and the memory
 * of event IDs already started. Everything here is pure so it can be tested on its own.
 */

export interface NotificationEventOption {
	value: string;
	name: string;
	description: string;
	/** Walmart's resource for the event type, used when its catalogue does not answer. */
	resourceName: string;
}

export const NOTIFICATION_EVENTS: NotificationEventOption[] = [
	{
		value: 'ORDER_UPDATES',
		name: 'Order Updates',
		description:
			'New purchase order, line auto-cancelled, intent to cancel, fraud cancel (ORDER_UPDATES). Replaces the three legacy order events, which Walmart retires on 2026-12-15.',
		resourceName: 'ORDER',
	},
	{
		value: 'RETURN_CREATED',
		name: 'Return Created',
		description: 'A customer opened a return (RETURN_CREATED)',
		resourceName: 'RETURNS',
	},
	{
		value: 'PO_CREATED',
		name: 'Legacy: Purchase Order Created',
		description: 'Retired by Walmart on 2026-12-15; use Order Updates (PO_CREATED)',
		resourceName: 'ORDER',
	},
	{
		value: 'PO_LINE_AUTOCANCELLED',
		name: 'Legacy: Order Line Auto-Cancelled',
		description: 'Retired by Walmart on 2026-12-15; use Order Updates (PO_LINE_AUTOCANCELLED)',
		resourceName: 'ORDER',
	},
	{
		value: 'INTENT_TO_CANCEL',
		name: 'Legacy: Intent to Cancel',
		description: 'Retired by Walmart on 2026-12-15; use Order Updates (INTENT_TO_CANCEL)',
		resourceName: 'ORDER',
	},
];

export const ORDER_UPDATE_TYPES = [
	{
		value: 'PO_CREATED',
		name: 'Purchase Order Created',
		description: 'A new purchase order was routed to the seller',
	},
	{
		value: 'PO_LINE_AUTOCANCELLED',
		name: 'Line Auto-Cancelled',
		description: 'Walmart cancelled a line that was not shipped in time',
	},
	{
		value: 'INTENT_TO_CANCEL',
		name: 'Intent to Cancel',
		description: 'The customer asked to cancel; hold the shipment',
	},
	{
		value: 'FRAUD_CANCEL',
		name: 'Fraud Cancel',
		description: 'Walmart cancelled the order or a line for fraud; do not ship',
	},
];

/** The header Walmart is told to carry the signature or the Basic credentials in. */
export const AUTH_HEADER_NAMES = {
	HMAC: 'X-Walmart-Signature',
	BASIC_AUTH: 'Authorization',
} as const;
/** The user name of the Basic credentials; the password is the generated secret. */
export const BASIC_AUTH_USER = 'walmart-notifications';

export function generateSecret(): string {
	return randomBytes(32).toString('base64url');
}

function headerValue(headers: IDataObject, name: string): string | undefined {
	const wanted = name.toLowerCase();
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === wanted);
	const value = key === undefined ? undefined : headers[key];
	if (Array.isArray(value)) return value.length === 1 ? String(value[0]) : undefined;
	return typeof value === 'string' ? value : undefined;
}

/** Compares without leaking, through timing, how much of a guess was right. */
function sameSecret(presented: Buffer, expected: Buffer): boolean {
	const a = createHash('sha256').update(presented).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b) && presented.length === expected.length;
}

/** An HMAC-SHA256 (32 bytes) in hex, or in Base64 or Base64 URL with or without its "=". */
const HEX_SIGNATURE = /^[0-9a-f]{64}$/i;
const BASE64_SIGNATURE = /^(?:[A-Za-z0-9+/]{43}|[A-Za-z0-9_-]{43})=?$/;
const BASE64_TEXT = /^[A-Za-z0-9+/]+={0,2}$/;

export type Verification = { valid: true } | { valid: false; reason: string };

/**
 * Checks that a call carries what Walmart was told to send: for HMAC, an HMAC-SHA256 of the exact
 * bytes received keyed with the secret (hex or Base64, as Walmart does not say which; an optional
 * `sha256=` prefix); for Basic, the generated user and secret, with or without the `Basic ` word.
 */
export function verifyNotification(
	auth: { method: 'HMAC' | 'BASIC_AUTH'; secret: string },
	headers: IDataObject,
	rawBody: Buffer,
): Verification {
	const headerName = AUTH_HEADER_NAMES[auth.method];
	const presented = headerValue(headers, headerName)?.trim();
	if (presented === undefined || presented === '') {
		return { valid: false, reason: `the ${headerName} header is missing` };
	}
	if (auth.method === 'BASIC_AUTH') {
		const encoded = presented.replace(/^basic\s+/i, '');
		// Node's Base64 decoder skips characters it does not know, so the form is checked first:
		// only what Walmart could have sent is compared at all.
		if (!BASE64_TEXT.test(encoded)) {
			return { valid: false, reason: 'the Authorization header is not Basic credentials' };
		}
		const expected = Buffer.from(`${BASIC_AUTH_USER}:${auth.secret}`);
		return sameSecret(Buffer.from(encoded, 'base64'), expected)
			? { valid: true }
			: { valid: false, reason: 'the Basic credentials do not match' };
	}
	const digest = createHmac('sha256', auth.secret).update(rawBody).digest();
	const signature = presented.replace(/^sha256=/i, '');
	let candidate: Buffer | undefined;
	if (HEX_SIGNATURE.test(signature)) candidate = Buffer.from(signature, 'hex');
	else if (BASE64_SIGNATURE.test(signature)) candidate = Buffer.from(signature, 'base64');
	if (candidate === undefined) {
		return {
			valid: false,
			reason: `the ${headerName} header is not an HMAC-SHA256 in hex or Base64`,
		};
	}
	return sameSecret(candidate, digest)
		? { valid: true }
		: { valid: false, reason: 'the signature does not match the body' };
}

export interface Notification {
	eventId: string;
	eventType: string;
	eventTime?: string;
	subEventType?: string;
	source: IDataObject;
	payload: IDataObject;
}

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Walmart's envelope, `{ source: { eventType, eventTime, eventId }, payload }`, or a problem. */
export function parseNotification(body: unknown): Notification | { problem: string } {
	if (!isRecord(body)) return { problem: 'the body is not a JSON object' };
	const source = body.source;
	if (!isRecord(source)) return { problem: 'the body has no "source" object' };
	const eventId = text(source.eventId);
	const eventType = text(source.eventType);
	if (eventId === undefined && source.eventId !== undefined && typeof source.eventId !== 'string') {
		return { problem: `source.eventId is ${show(source.eventId)}, which is not text` };
	}
	if (eventId === undefined) return { problem: 'source.eventId is missing' };
	if (eventType === undefined) return { problem: 'source.eventType is missing' };
	const payload = isRecord(body.payload) ? body.payload : {};
	const meta = isRecord(payload.meta) ? payload.meta : {};
	return {
		eventId,
		eventType,
		eventTime: text(source.eventTime),
		subEventType: text(payload.subEventType) ?? text(meta.subEventType),
		source,
		payload,
	};
}

/** What one notification is about, first, then Walmart's envelope as sent. */
export function notificationItem(notification: Notification, receivedAt: string): IDataObject {
	const { payload } = notification;
	// ORDER_UPDATES nests the order; the legacy order events send it as the payload itself.
	const order = isRecord(payload.order) ? payload.order : payload;
	const returns = Array.isArray(payload.returnOrders) ? payload.returnOrders.filter(isRecord) : [];
	const item: IDataObject = {
		eventType: notification.eventType,
		subEventType: notification.subEventType ?? null,
		eventId: notification.eventId,
		eventTime: notification.eventTime ?? null,
		receivedAt,
	};
	const purchaseOrderId =
		text(order.purchaseOrderId) ?? returns.map((entry) => text(entry.purchaseOrderId))[0];
	if (purchaseOrderId !== undefined) item.purchaseOrderId = purchaseOrderId;
	if (text(order.customerOrderId) !== undefined) item.customerOrderId = order.customerOrderId;
	if (returns.length > 0) {
		item.returnOrderIds = [
			...new Set(returns.map((entry) => text(entry.returnOrderId)).filter(Boolean)),
		] as string[];
	}
	item.source = notification.source;
	item.payload = payload;
	return item;
}

/** Event IDs already started, with when; kept a week and at most this many. */
export const SEEN_EVENTS_LIMIT = 5000;
export const SEEN_EVENTS_DAYS = 7;

export function pruneSeenEvents(seen: Record<string, number>, now: number): Record<string, number> {
	const horizon = now - SEEN_EVENTS_DAYS * 24 * 60 * 60 * 1000;
	const kept = Object.entries(seen)
		.filter(([, at]) => typeof at === 'number' && at >= horizon)
		.sort((a, b) => b[1] - a[1])
		.slice(0, SEEN_EVENTS_LIMIT);
	return Object.fromEntries(kept);
}
