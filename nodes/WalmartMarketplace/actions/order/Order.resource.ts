import type { INodeProperties } from 'n8n-workflow';

import * as acknowledge from './acknowledge.operation';
import * as cancelLines from './cancelLines.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as refundLines from './refundLines.operation';
import * as shipLines from './shipLines.operation';
import * as updateTracking from './updateTracking.operation';

export { acknowledge, cancelLines, get, getAll, refundLines, shipLines, updateTracking };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Acknowledge',
				value: 'acknowledge',
				description:
					'Confirm that you will fulfil an order: every line still in Created status, never twice',
				action: 'Acknowledge an order',
			},
			{
				name: 'Cancel Lines',
				value: 'cancelLines',
				description:
					'Cancel order lines that have not shipped, up to 100 lines per request, with a reason',
				action: 'Cancel order lines',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one order by its purchase order ID',
				action: 'Get an order',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many orders, filtered by date, status, SKU and more',
				action: 'Get many orders',
			},
			{
				name: 'Refund Lines',
				value: 'refundLines',
				description:
					'Refund shipped order lines, in part or in full, never above what is left and never twice',
				action: 'Refund order lines',
			},
			{
				name: 'Ship Lines',
				value: 'shipLines',
				description:
					'Confirm shipment with tracking, which charges the customer; never more than is open, never the same package twice',
				action: 'Ship order lines',
			},
			{
				name: 'Update Tracking',
				value: 'updateTracking',
				description: 'Correct the carrier, method, tracking number or URL of lines already shipped',
				action: 'Update the tracking of shipped lines',
			},
		],
		default: 'getAll',
	},
	...acknowledge.description,
	...cancelLines.description,
	...get.description,
	...getAll.description,
	...refundLines.description,
	...shipLines.description,
	...updateTracking.description,
];
