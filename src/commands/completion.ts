import { Argument, Command, type Option } from 'commander';
import { z } from 'zod';
import type { CommandHandler, CommandTable } from './command.js';
import { typedHandler } from './typed.js';
import { choice, GlobalOptions } from './options.js';
import { EXIT } from '../core/errors.js';
import { LOG_LEVELS } from '../core/log/logger.js';

/** An option as completion sees it: its spellings, whether it takes a value, the values or a file. */
interface Flag {
  names: string[];
  description: string;
  takesValue: boolean;
  choices?: readonly string[];
  file: boolean;
}

interface CommandSpec {
  name: string;
  summary: string;
  flags: Flag[];
}

/** Placeholders that name a path: the shell completes file names for them. */
const PATH_VALUE = /<(file|dir|path|config)>/;

const SHELLS = ['bash', 'zsh'] as const;

export function define(command: Command, commands: CommandTable): CommandHandler {
  command.addArgument(new Argument('<shell>', 'which shell').choices(SHELLS));
  command.addHelpText(
    'after',
    `
Examples:
  source <(hvscan completion bash)                          this bash session
  hvscan completion bash > ~/.local/share/bash-completion/completions/hvscan
  hvscan completion zsh > "\${fpath[1]}/_hvscan"              then restart zsh (compinit)`,
  );
  return typedHandler(
    { args: z.tuple([choice(SHELLS)]), options: GlobalOptions },
    async ({ args: [shell] }, context) => {
      const specs = await commandSpecs(commands);
      context.stdout.write(shell === 'zsh' ? zshScript(specs, globalFlags()) : bashScript(specs, globalFlags()));
      return EXIT.ok;
    },
  );
}

function flagOf(option: Option): Flag {
  return {
    names: [option.short, option.long].filter((n): n is string => Boolean(n)),
    description: option.description,
    takesValue: option.required || option.optional,
    choices: option.argChoices,
    file: PATH_VALUE.test(option.flags),
  };
}

/** Every command with its options, read from the command modules themselves (so completion never goes stale). */
async function commandSpecs(commands: CommandTable): Promise<CommandSpec[]> {
  const specs: CommandSpec[] = [];
  for (const [name, summary, load] of commands) {
    const command = new Command(name);
    (await load()).define(command, commands);
    specs.push({
      name,
      summary,
      flags: [
        ...command.options.map(flagOf),
        { names: ['-h', '--help'], description: 'help for this command', takesValue: false, file: false },
      ],
    });
  }
  return specs;
}

/** The program-wide options, as src/cli.ts declares them on the program. */
function globalFlags(): Flag[] {
  return [
    { names: ['--log-level'], description: 'log verbosity', takesValue: true, choices: LOG_LEVELS, file: false },
    { names: ['--log-file'], description: 'also write JSON log lines to this file', takesValue: true, file: true },
    {
      names: ['-q', '--quiet'],
      description: 'no progress, table or summary; only errors are logged',
      takesValue: false,
      file: false,
    },
    { names: ['--no-color'], description: 'no colours', takesValue: false, file: false },
    { names: ['-V', '--version'], description: 'print the version', takesValue: false, file: false },
    { names: ['-h', '--help'], description: 'help', takesValue: false, file: false },
  ];
}

const words = (list: readonly string[]) => list.join(' ');

/** `case "$prev" in` arms that complete a flag's value: its choices, file names, or nothing (free text). */
function valueArms(flags: readonly Flag[], indent: string): string {
  const byReply = new Map<string, string[]>();
  for (const flag of flags) {
    if (!flag.takesValue) continue;
    const reply = flag.choices
      ? `COMPREPLY=( $(compgen -W "${words(flag.choices)}" -- "$cur") )`
      : flag.file
        ? 'COMPREPLY=( $(compgen -f -- "$cur") )'
        : 'COMPREPLY=()';
    byReply.set(reply, [...(byReply.get(reply) ?? []), ...flag.names]);
  }
  return [...byReply].map(([reply, names]) => `${indent}${names.join('|')}) ${reply}; return ;;`).join('\n');
}

export function bashScript(specs: CommandSpec[], globals: Flag[]): string {
  return `# hvscan completion for bash: source <(hvscan completion bash)
_hvscan() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" command="" word
  for word in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$word" in
      ${specs.map((s) => s.name).join('|')}) command="$word"; break ;;
    esac
  done
  case "$command" in
${specs
  .filter((s) => s.flags.some((f) => f.takesValue))
  .map((s) => `    ${s.name})\n      case "$prev" in\n${valueArms(s.flags, '        ')}\n      esac ;;`)
  .join('\n')}
  esac
  case "$prev" in
${valueArms(globals, '    ')}
  esac
  case "$command" in
${specs.map((s) => `    ${s.name}) [[ "$cur" == -* ]] && COMPREPLY=( $(compgen -W "${words(s.flags.flatMap((f) => f.names))}" -- "$cur") ) || COMPREPLY=( $(compgen -f -- "$cur") ) ;;`).join('\n')}
    *) [[ "$cur" == -* ]] && COMPREPLY=( $(compgen -W "${words(globals.flatMap((f) => f.names))}" -- "$cur") ) || COMPREPLY=( $(compgen -W "${words(specs.map((s) => s.name))}" -- "$cur") ) ;;
  esac
}
complete -o filenames -F _hvscan hvscan
`;
}

/** zsh's _arguments spec of one flag: '(-c --config)'{-c,--config}'[config file]:value:_files'. */
function zshFlag(flag: Flag): string {
  const text = flag.description
    .replace(/[[\]:'\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const value = !flag.takesValue
    ? ''
    : flag.choices
      ? `:value:(${words(flag.choices)})`
      : flag.file
        ? ':file:_files'
        : ':value: ';
  const names = flag.names.length > 1 ? `'(${words(flag.names)})'{${flag.names.join(',')}}` : flag.names[0]!;
  return `${names}'[${text}]${value}'`;
}

export function zshScript(specs: CommandSpec[], globals: Flag[]): string {
  return `#compdef hvscan
# hvscan completion for zsh: hvscan completion zsh > "\${fpath[1]}/_hvscan"
_hvscan() {
  local context state state_descr line
  typeset -A opt_args
  local -a commands
  commands=(
${specs.map((s) => `    '${s.name}:${s.summary.replace(/'/g, '')}'`).join('\n')}
  )
  _arguments -C \\
${globals.map((f) => `    ${zshFlag(f)} \\`).join('\n')}
    '1:command:->command' \\
    '*::argument:->argument'
  case $state in
    command) _describe 'hvscan command' commands ;;
    argument)
      case $words[1] in
${specs.map((s) => `        ${s.name}) _arguments ${s.flags.map(zshFlag).join(' ')} '*:file:_files' ;;`).join('\n')}
      esac
      ;;
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _hvscan "$@"
else
  compdef _hvscan hvscan
fi
`;
}
