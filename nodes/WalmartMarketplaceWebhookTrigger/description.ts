import type { INodeProperties } from 'n8n-workflow';

import {
	NOTIFICATION_EVENTS,
	ORDER_UPDATE_TYPES,
} from '../WalmartMarketplace/helpers/notifications';

export const webhookTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'Walmart sends notifications in the US market only, and only to an address it can reach: a public HTTPS URL (set n8n’s WEBHOOK_URL). On activation this node creates the subscription at Walmart; on deactivation it deletes it.',
		name: 'reachabilityNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		noDataExpression: true,
		default: ['ORDER_UPDATES'],
		description: 'The Walmart notifications that start the workflow, one execution per event',
		options: NOTIFICATION_EVENTS.map(({ name, value, description }) => ({
			name,
			value,
			description,
		})),
	},
	{
		displayName: 'Order Update Types',
		name: 'orderUpdateTypes',
		type: 'multiOptions',
		noDataExpression: true,
		default: [],
		description:
			'Which kinds of Order Updates start the workflow; none chosen means all of them. Others are acknowledged to Walmart and ignored.',
		displayOptions: { show: { events: ['ORDER_UPDATES'] } },
		options: ORDER_UPDATE_TYPES,
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		default: 'HMAC',
		description:
			'How Walmart proves a notification is genuine. The node generates the secret, gives it to Walmart with the subscription and refuses every call without it (HTTP 401, no execution).',
		options: [
			{
				name: 'HMAC Signature',
				value: 'HMAC',
				description: 'Walmart signs every body with the secret (header X-Walmart-Signature)',
			},
			{
				name: 'Basic Auth',
				value: 'BASIC_AUTH',
				description: 'Walmart sends a generated user and password (header Authorization)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Replace Existing Subscriptions',
				name: 'replaceExisting',
				type: 'boolean',
				default: false,
				description:
					'Whether to delete a subscription Walmart already has for a chosen event but another address (another workflow or system), so that this workflow receives those events instead. Off: activation fails and names the subscription.',
			},
			{
				displayName: 'Send Test Notification When Listening',
				name: 'sendTestNotification',
				type: 'boolean',
				default: true,
				description:
					'Whether to ask Walmart for its sample notification when you listen for a test event in the editor, so the node receives one at once. Never sent for an active workflow.',
			},
		],
	},
];
