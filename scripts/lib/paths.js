// @ts-check
const os = require('node:os');
const path = require('node:path');

/**
 * Where a throwaway or demo n8n keeps its user folder. Not inside the project: n8n unpacks its
 * editor (about 2,800 JavaScript files, 47 MB) into `<user folder>/.cache`, and `n8n-node lint`
 * runs `eslint .` with a config strict mode forbids changing, so a user folder in the project
 * would make every later lint read them (minutes instead of seconds).
 * @param {string} name
 */
function n8nUserFolder(name) {
	return path.join(os.tmpdir(), 'n8n-nodes-walmart-marketplace', name);
}

module.exports = { n8nUserFolder };
