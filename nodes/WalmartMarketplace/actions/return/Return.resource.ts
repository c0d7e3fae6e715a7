import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as refund from './refund.operation';

export { getAll, refund };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['return'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many return orders, filtered by date, status and more',
				action: 'Get many returns',
			},
			{
				name: 'Refund',
				value: 'refund',
				description: 'Issue the refund for a return, line by line, never twice',
				action: 'Refund a return',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...refund.description,
];
