// record.mjs — llama.cpp's numbers for one fixture model, with an F32 KV cache and without
// flash attention, so that an F32 file is computed in F32 throughout (the default F16 cache
// rounds keys and values to half precision, about 1e-2 on these logits).
// Drives llama.cpp's prebuilt CPU binary through node-llama-cpp, installed as
// ../shared/tools/install-llamacpp-oracle.sh says (NLC_DIR names the folder).
// Use: node record.mjs MODEL.gguf N PROMPT   -> JSON {prompt, prompt_ids, top, greedy}
import {createRequire} from "node:module";
import path from "node:path";
import os from "node:os";
import {pathToFileURL} from "node:url";

const dir = process.env.NLC_DIR || path.join(os.tmpdir(), "llamacpp-oracle");
const entry = createRequire(path.join(dir, "package.json")).resolve("node-llama-cpp");
const {getLlama, LlamaLogLevel} = await import(pathToFileURL(entry).href);
const [modelPath, nArg, ...words] = process.argv.slice(2);
const n = Number(nArg), prompt = words.join(" ");
const llama = await getLlama({gpu: false, build: "never", skipDownload: true, usePrebuiltBinaries: true,
    progressLogs: false, maxThreads: 1, logLevel: LlamaLogLevel.error});
const model = await llama.loadModel({modelPath, gpuLayers: 0});
let ids = model.tokenize(prompt, false);
if (model.tokens.shouldPrependBosToken && model.tokens.bos != null) ids = [model.tokens.bos, ...ids];
const context = await model.createContext({contextSize: 256, batchSize: ids.length, threads: 1, sequences: 1,
    flashAttention: false, experimentalKvCacheKeyType: "F32", experimentalKvCacheValueType: "F32"});
const seq = context.getSequence();
const input = ids.map((t, i) => i < ids.length - 1 ? t : [t, {generateNext: {token: true,
    logits: {filter: {tokens: [], includeTop: 10}}, options: {temperature: 0}}}]);
const res = await seq.controlledEvaluate(input);
const next = res[res.length - 1].next;
const top = [...next.logits.entries()].slice(0, 10).map(([id, logit]) => ({id, logit}));
const greedy = [];
if (n > 0 && next.token != null && !model.isEogToken(next.token)) {
    greedy.push(next.token);
    if (greedy.length < n)
        for await (const t of seq.evaluate([next.token], {temperature: 0})) {
            greedy.push(t);
            if (greedy.length >= n) break;
        }
}
process.stdout.write(JSON.stringify({prompt, prompt_ids: ids, top, greedy}) + "\n");
process.exit(0);
