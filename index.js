// n8n loads the nodes and credentials listed in package.json's "n8n" section; this entry
// exists so that `require('n8n-nodes-walmart-marketplace')` resolves.
module.exports = {};
