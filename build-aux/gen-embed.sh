#!/bin/sh
# Emit an assembler file that embeds each data file given as an argument,
# NUL-terminated, with a table lib/io/embed.c searches by base name.  .incbin
# keeps the build free of a generator program and is understood by both gcc
# and clang on ELF targets.
#
#   sh build-aux/gen-embed.sh [-t TABLE] FILE ...
#
# TABLE is the table's symbol: cs_embed_table (every tool) by default,
# cs_embed_rs for the data only cs-reviewsort carries.
top=$(pwd)
table=cs_embed_table
if [ "${1:-}" = -t ]; then
	table=$2
	shift 2
fi
echo '	.section .rodata'
i=0
for f in "$@"; do
	case $f in /*) p=$f ;; *) p=$top/$f ;; esac
	echo "	.balign 16"
	echo "cs_embed_d$i:"
	echo "	.incbin \"$p\""
	echo "cs_embed_e$i:"
	echo "	.byte 0"
	echo "cs_embed_n$i:"
	echo "	.asciz \"$(basename "$f")\""
	i=$((i + 1))
done
echo '	.section .data.rel.ro,"aw"'
echo '	.balign 8'
echo "	.globl $table"
echo "$table:"
i=0
for f in "$@"; do
	echo "	.quad cs_embed_n$i, cs_embed_d$i, cs_embed_e$i - cs_embed_d$i"
	i=$((i + 1))
done
echo '	.quad 0, 0, 0'
echo '	.section .note.GNU-stack,"",@progbits'
