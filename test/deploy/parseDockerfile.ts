/** One instruction of a Dockerfile: the keyword upper-cased, the rest of the (joined) line as written. */
export interface DockerInstruction {
  keyword: string;
  args: string;
}

export interface DockerStage {
  /** The image of its FROM line. */
  image: string;
  /** The `AS name`, if any. */
  name: string | undefined;
  instructions: DockerInstruction[];
}

/**
 * Splits a Dockerfile into stages of instructions, joining `\` continuation lines and dropping comments: enough for
 * static checks of deploy/docker/Dockerfile (no ARG substitution, no heredocs, no parser directives besides comments).
 */
export function parseDockerfile(text: string): DockerStage[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (/^\s*#/.test(line)) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    if (full !== '') lines.push(full);
  }
  const stages: DockerStage[] = [];
  for (const line of lines) {
    const keyword = line.split(/\s/, 1)[0] ?? '';
    const args = line.slice(keyword.length).trim();
    if (keyword.toUpperCase() === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!m) throw new Error(`Dockerfile: cannot read FROM ${args}`);
      stages.push({ image: m[1] ?? '', name: m[2], instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) {
      if (keyword.toUpperCase() === 'ARG') continue;
      throw new Error(`Dockerfile: ${keyword} before the first FROM`);
    }
    stage.instructions.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}
