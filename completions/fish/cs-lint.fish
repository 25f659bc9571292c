# fish completion for cs-lint
source (status dirname)/cs-common.fish 2>/dev/null; or functions -q __cs_common
__cs_common cs-lint
function __cs_lint_rules
    cs-lint --list-rules 2>/dev/null | cut -f1,6
end
complete -c cs-lint -l chat -d 'input is a chat log: conversation rules too'
complete -c cs-lint -l check-rules -d "run every rule's own test sentences and exit"
complete -c cs-lint -l csv -d 'input is a CSV of replies with a text column'
complete -c cs-lint -l disable -x -a '(__cs_lint_rules)' -d 'do not report rule or family'
complete -c cs-lint -l discount-limit -x -d 'deepest discount the agent may offer: N[@YUAN] (9@300)'
complete -c cs-lint -l enable -x -a '(__cs_lint_rules)' -d 'report rule or family, also one off by default'
complete -c cs-lint -l fail-on -x -a 'warning error' -d 'lowest severity that sets exit status 1'
complete -c cs-lint -l first-reply -x -d 'first reply due within SECS seconds (15)'
complete -c cs-lint -l holidays -r -F -d 'holiday calendar for the festival greeting'
complete -c cs-lint -l list-rules -d 'print the rules and exit'
complete -c cs-lint -l no-default-rules -d 'only the rules of --rules files'
complete -c cs-lint -l phrases -r -F -d 'replace the conversation phrase lists FILE names'
complete -c cs-lint -l reply-time -x -d 'answer a buyer within SECS seconds (30)'
complete -c cs-lint -l rules -r -F -d 'add or redefine rules from FILE'
complete -c cs-lint -l summary -d 'counts and figures per conversation, agent and rule'
complete -c cs-lint -l typing-speed -x -d 'slowest typing accepted, characters a minute (50)'
complete -c cs-lint -l wait-thanks -x -d 'thank the buyer after a wait of SECS seconds (120)'
