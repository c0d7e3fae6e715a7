import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	notificationItem,
	parseNotification,
	pruneSeenEvents,
	verifyNotification,
} from '../WalmartMarketplace/helpers/notifications';
import type { SubscriptionState } from './subscription';
import { candidateStates, readSettings } from './subscription';

/**
 * Event IDs this n8n process has started, per webhook URL. Walmart may deliver one event twice
 * at once (a redelivery racing the first try); the workflow's static data is loaded afresh for
 * each call, so only memory shared by the calls can catch that. Static data covers restarts.
 */
const startedInProcess = new Map<string, Map<string, number>>();
const IN_PROCESS_LIMIT = 5000;

function claimInProcess(url: string, eventId: string, now: number): boolean {
	let started = startedInProcess.get(url);
	if (started === undefined) {
		started = new Map();
		startedInProcess.set(url, started);
	}
	if (started.has(eventId)) return false;
	started.set(eventId, now);
	if (started.size > IN_PROCESS_LIMIT) {
		const oldest = started.keys().next().value;
		if (oldest !== undefined) started.delete(oldest);
	}
	return true;
}

function answer(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * One notification from Walmart: refused unless it carries the secret given to Walmart, answered
 * without an execution when it is a repeat or of a kind not chosen, otherwise one execution.
 */
export function receiveNotification(context: IWebhookFunctions): IWebhookResponseData {
	const request = context.getRequestObject();
	const states = candidateStates(context);
	if (states.length === 0) {
		return answer(context, 401, {
			message:
				'This workflow holds no Walmart subscription secret; deactivate and activate it again',
		});
	}
	const rawBody = Buffer.isBuffer(request.rawBody)
		? request.rawBody
		: Buffer.from(JSON.stringify(request.body ?? {}));
	let state: SubscriptionState | undefined;
	let reason = '';
	for (const candidate of states) {
		const verification = verifyNotification(
			{ method: candidate.authMethod, secret: candidate.secret },
			request.headers as IDataObject,
			rawBody,
		);
		if (verification.valid) {
			state = candidate;
			break;
		}
		reason ||= verification.reason;
	}
	if (state === undefined) {
		return answer(context, 401, { message: `Unauthorized: ${reason}` });
	}

	const notification = parseNotification(request.body);
	if ('problem' in notification) {
		return answer(context, 400, { message: `Not a Walmart notification: ${notification.problem}` });
	}
	const settings = readSettings(context);
	if (!settings.events.includes(notification.eventType)) {
		return answer(context, 200, {
			received: true,
			ignored: `${notification.eventType} is not among this trigger's events`,
		});
	}
	if (
		notification.eventType === 'ORDER_UPDATES' &&
		settings.orderUpdateTypes.length > 0 &&
		!settings.orderUpdateTypes.includes(notification.subEventType ?? '')
	) {
		return answer(context, 200, {
			received: true,
			ignored: `${notification.subEventType ?? 'an order update without a type'} is not among the chosen Order Update Types`,
		});
	}

	const now = Date.now();
	const staticData = context.getWorkflowStaticData('node');
	const seen = pruneSeenEvents((staticData.seenEvents as Record<string, number>) ?? {}, now);
	if (
		seen[notification.eventId] !== undefined ||
		!claimInProcess(state.url, notification.eventId, now)
	) {
		return answer(context, 200, { received: true, duplicate: notification.eventId });
	}
	seen[notification.eventId] = now;
	staticData.seenEvents = seen;

	return {
		workflowData: [[{ json: notificationItem(notification, new Date(now).toISOString()) }]],
	};
}
