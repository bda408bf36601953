"""The reference a user would write instead of iatix: lxml iterparse, one JSON line per activity.

    python3 scripts/bench/lxml_jsonl.py FILE > out.jsonl
"""
import json
import sys

from lxml import etree


def element(node):
    value = dict(node.attrib)
    text = (node.text or "").strip()
    if text:
        value["text"] = text
    for child in node:
        if isinstance(child.tag, str):
            value.setdefault(etree.QName(child).localname, []).append(element(child))
    return value


def main(path):
    out = sys.stdout
    for _, activity in etree.iterparse(path, tag="iati-activity", huge_tree=True):
        out.write(json.dumps(element(activity), ensure_ascii=False))
        out.write("\n")
        activity.clear()
        while activity.getprevious() is not None:
            del activity.getparent()[0]


if __name__ == "__main__":
    main(sys.argv[1])
