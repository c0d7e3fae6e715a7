import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { WalmartContext } from './index';
import { walmartApiRequest, WalmartApiError } from './index';
import { isContentNotFound } from './errors';

/**
 * Walmart's notifications API (US only): event types, subscriptions and the test notification.
 * Walmart's own answers are not consistent about their envelopes (`event` on create, `events`
 * on list, `eventTypes` or `events` for the catalogue, and sometimes a list nested in
 * `events[].event[]`), so every reader accepts each of them and refuses anything else.
 */

const SUBSCRIPTIONS_PATH = '/v3/webhooks/subscriptions';
const EVENT_TYPES_PATH = '/v3/webhooks/eventTypes';
const TEST_PATH = '/v3/webhooks/test';

export type NotificationAuthMethod = 'HMAC' | 'BASIC_AUTH';

export interface NotificationAuthDetails {
	authMethod: NotificationAuthMethod;
	authHeaderName: string;
	userName?: string;
	password?: string;
	clientSecret?: string;
}

export interface WalmartEventType {
	eventType: string;
	resourceName: string;
	eventVersion: string;
	description?: string;
}

export interface WalmartSubscription {
	subscriptionId: string;
	eventType: string;
	eventVersion?: string;
	resourceName?: string;
	status?: string;
	eventUrl?: string;
	authDetails?: Partial<NotificationAuthDetails> & IDataObject;
	headers?: IDataObject;
}

export interface SubscriptionRequest {
	eventType: string;
	eventVersion: string;
	resourceName: string;
	eventUrl: string;
	status: 'ACTIVE';
	authDetails: NotificationAuthDetails;
	headers: { 'content-type': string };
}

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unexpectedAnswer(context: WalmartContext, call: string, what: string): NodeApiError {
	return new NodeApiError(
		context.getNode(),
		{ call },
		{
			message: `Walmart answered ${call} without ${what}`,
			description:
				'The answer was not what Walmart’s notifications API sends, so nothing was changed on the n8n side. Try again; if it persists, check the credential’s environment or Custom Base URL.',
		},
	);
}

function toSubscription(value: unknown): WalmartSubscription | undefined {
	if (!isRecord(value)) return undefined;
	if (typeof value.subscriptionId !== 'string' || typeof value.eventType !== 'string') {
		return undefined;
	}
	return value as unknown as WalmartSubscription;
}

/** Subscription records from any of the envelopes Walmart is documented to use. */
export function subscriptionsIn(body: unknown): WalmartSubscription[] | undefined {
	if (!isRecord(body)) return undefined;
	const list = Array.isArray(body.events)
		? body.events
		: Array.isArray(body.event)
			? body.event
			: undefined;
	if (list === undefined) {
		const single = toSubscription(body);
		return single ? [single] : undefined;
	}
	const flat = list.flatMap((entry: unknown) =>
		isRecord(entry) && Array.isArray(entry.event) ? entry.event : [entry],
	);
	const records = flat.map(toSubscription);
	if (records.some((record) => record === undefined)) return undefined;
	return records as WalmartSubscription[];
}

export function eventTypesIn(body: unknown): WalmartEventType[] | undefined {
	if (!isRecord(body)) return undefined;
	const list = Array.isArray(body.eventTypes)
		? body.eventTypes
		: Array.isArray(body.events)
			? body.events
			: undefined;
	if (list === undefined) return undefined;
	const types = list.filter(
		(entry: unknown): entry is WalmartEventType =>
			isRecord(entry) &&
			typeof entry.eventType === 'string' &&
			typeof entry.resourceName === 'string' &&
			typeof entry.eventVersion === 'string',
	);
	return types.length === list.length ? types : undefined;
}

/** A read where Walmart's "none found" 404 means an empty list: the body, or undefined then. */
async function readOrNone(context: WalmartContext, path: string): Promise<unknown> {
	try {
		return await walmartApiRequest<unknown>(context, { method: 'GET', path, idempotent: true });
	} catch (error) {
		if (error instanceof WalmartApiError && isContentNotFound(error.walmartFailure.details)) {
			return undefined;
		}
		throw new NodeApiError(context.getNode(), error as JsonObject);
	}
}

/** Walmart's catalogue of event types; an empty list when Walmart answers that it has none. */
export async function listEventTypes(context: WalmartContext): Promise<WalmartEventType[]> {
	const body = await readOrNone(context, EVENT_TYPES_PATH);
	if (body === undefined) return [];
	const types = eventTypesIn(body);
	if (types === undefined) {
		throw unexpectedAnswer(context, `GET ${EVENT_TYPES_PATH}`, 'its list of event types');
	}
	return types;
}

/** Every subscription of the seller; Walmart's "none found" 404 is an empty list. */
export async function listSubscriptions(context: WalmartContext): Promise<WalmartSubscription[]> {
	const body = await readOrNone(context, SUBSCRIPTIONS_PATH);
	if (body === undefined) return [];
	const subscriptions = subscriptionsIn(body);
	if (subscriptions === undefined) {
		throw unexpectedAnswer(context, `GET ${SUBSCRIPTIONS_PATH}`, 'its list of subscriptions');
	}
	return subscriptions;
}

/**
 * Creates the subscriptions in one call. Not resent after an unknown outcome (a second one
 * could exist beside the first): the caller reads the list back instead.
 */
export async function createSubscriptions(
	context: WalmartContext,
	events: SubscriptionRequest[],
): Promise<WalmartSubscription[]> {
	const body = await walmartApiRequest<unknown>(context, {
		method: 'POST',
		path: SUBSCRIPTIONS_PATH,
		body: { events } as unknown as IDataObject,
		idempotent: false,
	});
	const created = subscriptionsIn(body);
	if (created === undefined) {
		// Walmart accepted the call, so the subscriptions may well exist: a WalmartApiError with
		// the 2xx lets the caller read them back rather than leave them unknown.
		throw new WalmartApiError(
			context.getNode(),
			{ status: 200, details: [], headers: {} },
			{
				message: `Walmart answered POST ${SUBSCRIPTIONS_PATH} without the subscriptions it created`,
				description:
					'The answer was not what Walmart’s notifications API sends, so whether the subscriptions exist is unknown.',
			},
		);
	}
	return created;
}

/** Deletes one subscription; true when it existed, false when Walmart no longer had it. */
export async function deleteSubscription(
	context: WalmartContext,
	subscriptionId: string,
): Promise<boolean> {
	try {
		await walmartApiRequest<unknown>(context, {
			method: 'DELETE',
			path: `${SUBSCRIPTIONS_PATH}/${encodeURIComponent(subscriptionId)}`,
			// Deleting twice has the same end state, so a resend after a 5xx is harmless.
			idempotent: true,
		});
		return true;
	} catch (error) {
		if (error instanceof WalmartApiError && isContentNotFound(error.walmartFailure.details)) {
			return false;
		}
		throw new NodeApiError(context.getNode(), error as JsonObject);
	}
}

/** Asks Walmart to send its sample notification for this event type to the URL. */
export async function sendTestNotification(
	context: WalmartContext,
	request: Omit<SubscriptionRequest, 'status'>,
): Promise<string> {
	const body = await walmartApiRequest<unknown>(context, {
		method: 'POST',
		path: TEST_PATH,
		body: request as unknown as IDataObject,
		// A second sample notification is only a second sample.
		idempotent: true,
	});
	return isRecord(body) && typeof body.message === 'string' ? body.message : '';
}
