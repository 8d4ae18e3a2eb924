# SPDX-License-Identifier: MIT
# bash completion for jssim: the commands, each command's options, scenario files
# (*.yaml, *.yml) and folders for --out. Installed as
# share/bash-completion/completions/jssim; tests/cmake/install.cmake checks that every
# option of every command's --help is here.
_jssim() {
  local cur prev
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev=""
  if [ "$COMP_CWORD" -gt 0 ]; then prev="${COMP_WORDS[COMP_CWORD-1]}"; fi
  local commands="run score check explain replay sensitivity plan init help"
  local command=""
  local i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${COMP_WORDS[i]}" in
      -*) ;;
      *) command="${COMP_WORDS[i]}"; break ;;
    esac
  done
  local options
  case "$command" in
    run) options="--runs --seed --threads --out --precision --max-runs --all-pairs --per-run --help" ;;
    score) options="--at --csv --help" ;;
    check) options="--help" ;;
    explain) options="--csv --runs --decimals --histories --help" ;;
    replay) options="--strategy --run --seed --csv --help" ;;
    sensitivity) options="--points --runs --seed --threads --out --help" ;;
    plan) options="--runs-max --seed --threads --out --help" ;;
    init) options="--history --out --today --name --observed --proposals-per-week --private-ratings-until --force --help" ;;
    help) COMPREPLY=($(compgen -W "run score check explain replay sensitivity plan init" -- "$cur")); return 0 ;;
    "") COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur")); return 0 ;;
    *) return 0 ;;
  esac
  case "$prev" in
    --out) COMPREPLY=($(compgen -d -- "$cur")); return 0 ;;
    --runs|--runs-max|--today|--name|--observed|--proposals-per-week|--private-ratings-until|--seed|--threads|--precision|--max-runs|--at|--strategy|--run|--points|--histories|--decimals)
      return 0 ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -X '!*.yaml' -- "$cur") $(compgen -f -X '!*.yml' -- "$cur")
               $(compgen -d -- "$cur"))
  fi
  return 0
}
complete -o filenames -F _jssim jssim
