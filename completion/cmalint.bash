# SPDX-License-Identifier: MIT
# bash completion for cmalint. Rule ids and output formats are asked from the
# cmalint being completed (`cmalint rules`, `cmalint --help`), so they follow
# the installed version.

# Print the words of the --help line of OPTION after its argument name, e.g.
# "text (default), json" -> "text json".
_cmalint_help_values()
{
	local cmd=$1 opt=$2
	"$cmd" --help 2>/dev/null | awk -v opt="$opt" '
		{ line = $0; sub(/^ +/, "", line) }
		index(line, opt " ") == 1 {
			sub(/^[^ ]+ [^ ]+ +/, "", line)
			gsub(/\([^)]*\)/, "", line)
			n = split(line, w, /[ ,]+/)
			for (i = 1; i <= n; i++)
				if (w[i] ~ /^[a-z0-9_-]+$/) print w[i]
			exit
		}'
}

_cmalint()
{
	local cur prev cmd word i command=""
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=""
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	cmd=${COMP_WORDS[0]}
	[[ $cmd == */* || -n $(type -P "$cmd" 2>/dev/null) ]] || cmd=cmalint
	COMPREPLY=()

	# The command word, if one was given before the word being completed.
	for ((i = 1; i < COMP_CWORD; i++)); do
		word=${COMP_WORDS[i]}
		case $word in
		check | diff | rules | explain | oom | runtime | help)
			command=$word
			break
			;;
		-*) ;;
		*) break ;;
		esac
	done

	case $prev in
	-W)
		local ids
		ids=$("$cmd" rules 2>/dev/null | awk '{ print $1; print "no-" $1 }')
		mapfile -t COMPREPLY < <(compgen -W "$ids" -- "$cur")
		return
		;;
	-E)
		mapfile -t COMPREPLY < <(compgen -W "$("$cmd" rules 2>/dev/null | awk '{ print $1 }')" -- "$cur")
		return
		;;
	--format)
		local formats
		if [[ $command == diff ]]; then
			formats="text json markdown html"
		else
			formats=$(_cmalint_help_values "$cmd" --format)
			[[ -n $formats ]] || formats="text json"
		fi
		mapfile -t COMPREPLY < <(compgen -W "$formats" -- "$cur")
		return
		;;
	--fail-on)
		mapfile -t COMPREPLY < <(compgen -W "error warning info never" -- "$cur")
		return
		;;
	--arch)
		mapfile -t COMPREPLY < <(compgen -W "arm64 arm riscv64 x86_64" -- "$cur")
		return
		;;
	--page-size)
		mapfile -t COMPREPLY < <(compgen -W "4K 16K 64K" -- "$cur")
		return
		;;
	--kernel)
		mapfile -t COMPREPLY < <(compgen -W "5.4 5.10 5.15 6.1 6.6 6.12" -- "$cur")
		return
		;;
	-I | --root)
		compopt -o filenames 2>/dev/null || :
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return
		;;
	-o | --config | --bootargs-file | --kconfig | --baseline | --write-baseline | --overlay)
		compopt -o filenames 2>/dev/null || :
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return
		;;
	--bootargs | --ram | --cma-size-mbytes | -j)
		return
		;;
	esac

	case $command in
	rules)
		return
		;;
	help)
		# one command name, right after "help"
		if ((COMP_CWORD == i + 1)); then
			mapfile -t COMPREPLY < <(compgen -W "check diff rules explain oom runtime help" -- "$cur")
		fi
		return
		;;
	explain)
		# one rule id, right after the command word
		if ((COMP_CWORD == i + 1)); then
			mapfile -t COMPREPLY < <(compgen -W "$("$cmd" rules 2>/dev/null | awk '{ print $1 }')" -- "$cur")
		fi
		return
		;;
	oom)
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "--help $(_cmalint_options "$cmd" oom)" -- "$cur")
		else
			compopt -o filenames 2>/dev/null || :
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		fi
		return
		;;
	runtime)
		mapfile -t COMPREPLY < <(compgen -W "--root --help" -- "$cur")
		return
		;;
	esac

	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$(_cmalint_options "$cmd")" -- "$cur")
		return
	fi

	# Inputs: device trees and directories; the command words when none was given yet.
	compopt -o filenames 2>/dev/null || :
	local -a dirs files words=()
	mapfile -t dirs < <(compgen -d -- "$cur")
	mapfile -t files < <(compgen -f -X '!*.dt[sb]' -- "$cur")
	if [[ -z $command ]] && ((COMP_CWORD == 1)); then
		mapfile -t words < <(compgen -W "check diff rules explain oom runtime help" -- "$cur")
	fi
	COMPREPLY=("${words[@]}" "${dirs[@]}" "${files[@]}")
}

# Every option the help of cmalint (or of one of its commands) prints.
_cmalint_options()
{
	local cmd=$1
	shift
	"$cmd" "$@" --help 2>/dev/null |
		awk '/^ +-/ {
			l = $0; sub(/^ +/, "", l); p = index(l, "  "); if (p) l = substr(l, 1, p - 1)
			n = split(l, w, /[ ,]+/); for (i = 1; i <= n; i++) if (w[i] ~ /^-/) print w[i]
		}' |
		sort -u
}

complete -F _cmalint cmalint
