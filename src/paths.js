"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.repoRoot = repoRoot;
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
/** The repository root, found from this file whether it runs from src/ (tests) or dist/src/ (build). */
function repoRoot(from = __dirname) {
    let dir = from;
    while (!node_fs_1.default.existsSync(node_path_1.default.join(dir, 'package.json'))) {
        const parent = node_path_1.default.dirname(dir);
        if (parent === dir)
            throw new Error('package.json not found above ' + from);
        dir = parent;
    }
    return dir;
}
