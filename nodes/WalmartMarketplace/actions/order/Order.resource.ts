import type { INodeProperties } from 'n8n-workflow';

import * as cancelLines from './cancelLines.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as refundLines from './refundLines.operation';

export { cancelLines, get, getAll, refundLines };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
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
		],
		default: 'getAll',
	},
	...cancelLines.description,
	...get.description,
	...getAll.description,
	...refundLines.description,
];
