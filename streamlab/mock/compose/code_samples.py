"""Code the mock can write: short, correct programs for common exercises, in Python and JavaScript.

Each task has the words that ask for it (English and Chinese), what it is called in both languages, a
sentence on how it works in both, and the code. A prompt that matches no task gets a small starting point.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Task:
    keys: tuple[str, ...]
    name_en: str
    name_zh: str
    how_en: str
    how_zh: str
    python: str
    javascript: str


TASKS = [
    Task(("quicksort", "quick sort", "快速排序", "快排"), "a quicksort", "快速排序",
         "It picks a pivot, splits the list into smaller, equal and larger items, and sorts the two sides the same "
         "way; on average that takes O(n log n) time.",
         "它先选一个基准值，把列表分成比基准小、相等和大的三部分，再对左右两部分递归地做同样的事。平均时间复杂度是 "
         "O(n log n)。",
         """\
def quick_sort(items):
    if len(items) <= 1:
        return items
    pivot = items[len(items) // 2]
    smaller = [x for x in items if x < pivot]
    equal = [x for x in items if x == pivot]
    larger = [x for x in items if x > pivot]
    return quick_sort(smaller) + equal + quick_sort(larger)


print(quick_sort([3, 6, 8, 10, 1, 2, 1]))  # [1, 1, 2, 3, 6, 8, 10]""",
         """\
function quickSort(items) {
  if (items.length <= 1) return items;
  const pivot = items[Math.floor(items.length / 2)];
  const smaller = items.filter((x) => x < pivot);
  const equal = items.filter((x) => x === pivot);
  const larger = items.filter((x) => x > pivot);
  return [...quickSort(smaller), ...equal, ...quickSort(larger)];
}

console.log(quickSort([3, 6, 8, 10, 1, 2, 1])); // [1, 1, 2, 3, 6, 8, 10]"""),
    Task(("binary search", "二分"), "a binary search", "二分查找",
         "Each step halves the part of the sorted list that can still hold the target, so it needs at most about "
         "log2(n) comparisons.",
         "每一步都把有序列表中可能包含目标的范围缩小一半，所以最多只需要大约 log2(n) 次比较。",
         """\
def binary_search(items, target):
    low, high = 0, len(items) - 1
    while low <= high:
        middle = (low + high) // 2
        if items[middle] == target:
            return middle
        if items[middle] < target:
            low = middle + 1
        else:
            high = middle - 1
    return -1


print(binary_search([1, 3, 5, 7, 9], 7))  # 3""",
         """\
function binarySearch(items, target) {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    if (items[middle] === target) return middle;
    if (items[middle] < target) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

console.log(binarySearch([1, 3, 5, 7, 9], 7)); // 3"""),
    Task(("fibonacci", "斐波那契"), "a Fibonacci function", "斐波那契数列",
         "It keeps only the last two numbers and adds them to get the next, so it runs in linear time without the "
         "repeated work of the naive recursive version.",
         "它只保留最近的两个数，相加得到下一个数，所以是线性时间，避免了朴素递归版本里的大量重复计算。",
         """\
def fibonacci(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


print([fibonacci(i) for i in range(10)])  # [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]""",
         """\
function fibonacci(n) {
  let [a, b] = [0, 1];
  for (let i = 0; i < n; i++) [a, b] = [b, a + b];
  return a;
}

console.log([...Array(10).keys()].map(fibonacci)); // [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]"""),
    Task(("factorial", "阶乘"), "a factorial function", "阶乘函数",
         "It multiplies the numbers from 1 to n in a loop, which avoids hitting the recursion limit for large n.",
         "它用循环把 1 到 n 的数依次相乘，n 很大时也不会碰到递归深度的限制。",
         """\
def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


print(factorial(5))  # 120""",
         """\
function factorial(n) {
  let result = 1;
  for (let i = 2; i <= n; i++) result *= i;
  return result;
}

console.log(factorial(5)); // 120"""),
    Task(("palindrome", "回文"), "a palindrome check", "回文判断",
         "It keeps only letters and digits, lower-cases them, and compares the result with its reverse.",
         "它只保留字母和数字并统一成小写，再和反转后的结果比较。",
         """\
def is_palindrome(text):
    cleaned = [c.lower() for c in text if c.isalnum()]
    return cleaned == cleaned[::-1]


print(is_palindrome("A man, a plan, a canal: Panama"))  # True""",
         """\
function isPalindrome(text) {
  const cleaned = text.toLowerCase().replace(/[^a-z0-9]/g, "");
  return cleaned === [...cleaned].reverse().join("");
}

console.log(isPalindrome("A man, a plan, a canal: Panama")); // true"""),
    Task(("reverse", "反转", "翻转", "倒序"), "a function that reverses a string", "字符串反转",
         "It walks the characters from the last to the first and joins them back into a string.",
         "它把字符从最后一个到第一个依次取出，再拼回一个字符串。",
         """\
def reverse(text):
    return text[::-1]


print(reverse("streaming"))  # gnimaerts""",
         """\
function reverse(text) {
  return [...text].reverse().join("");
}

console.log(reverse("streaming")); // gnimaerts"""),
    Task(("prime", "素数", "质数"), "a prime-number check", "素数判断",
         "It only tries divisors up to the square root of n, because a larger factor would pair with a smaller one "
         "already tried.",
         "它只需要试到 n 的平方根，因为更大的因数一定和一个已经试过的较小因数成对出现。",
         """\
def is_prime(n):
    if n < 2:
        return False
    for d in range(2, int(n ** 0.5) + 1):
        if n % d == 0:
            return False
    return True


print([n for n in range(20) if is_prime(n)])  # [2, 3, 5, 7, 11, 13, 17, 19]""",
         """\
function isPrime(n) {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

console.log([...Array(20).keys()].filter(isPrime)); // [2, 3, 5, 7, 11, 13, 17, 19]"""),
    Task(("fizzbuzz", "fizz buzz"), "FizzBuzz", "FizzBuzz",
         "Checking 15 first matters: a number divisible by both 3 and 5 must print FizzBuzz, not just Fizz.",
         "先判断能否被 15 整除很重要：同时能被 3 和 5 整除的数应该输出 FizzBuzz，而不只是 Fizz。",
         """\
for n in range(1, 16):
    if n % 15 == 0:
        print("FizzBuzz")
    elif n % 3 == 0:
        print("Fizz")
    elif n % 5 == 0:
        print("Buzz")
    else:
        print(n)""",
         """\
for (let n = 1; n <= 15; n++) {
  if (n % 15 === 0) console.log("FizzBuzz");
  else if (n % 3 === 0) console.log("Fizz");
  else if (n % 5 === 0) console.log("Buzz");
  else console.log(n);
}"""),
    Task(("csv",), "a CSV reader", "读取 CSV 文件",
         "It takes the column names from the header line and turns each row into a record keyed by them, so "
         "columns are read by name.",
         "它从表头取出列名，把每一行变成以列名为键的记录，这样就能按列名取值。",
         """\
import csv


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


for row in read_rows("data.csv"):
    print(row)""",
         """\
import { readFileSync } from "node:fs";

function readRows(path) {
  const [header, ...lines] = readFileSync(path, "utf8").trim().split("\\n");
  const names = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [names[i], v])));
}

console.log(readRows("data.csv"));"""),
    Task(("celsius", "fahrenheit", "摄氏", "华氏"), "a temperature converter", "温度换算",
         "Fahrenheit is Celsius times 9/5 plus 32, and the other way round subtracts 32 and multiplies by 5/9.",
         "华氏度等于摄氏度乘以 9/5 再加 32；反过来就是先减 32 再乘以 5/9。",
         """\
def to_fahrenheit(celsius):
    return celsius * 9 / 5 + 32


def to_celsius(fahrenheit):
    return (fahrenheit - 32) * 5 / 9


print(to_fahrenheit(100), to_celsius(212))  # 212.0 100.0""",
         """\
const toFahrenheit = (celsius) => (celsius * 9) / 5 + 32;
const toCelsius = (fahrenheit) => ((fahrenheit - 32) * 5) / 9;

console.log(toFahrenheit(100), toCelsius(212)); // 212 100"""),
]
START = Task((), "a small starting point", "一个可以直接修改的起点",
     "Replace the body of the loop with the real work; the rest of the structure usually stays.",
     "把循环体换成真正要做的事就行，其余的结构一般可以保留。",
     """\
def process(items):
    results = []
    for item in items:
        results.append(item)
    return results


print(process([1, 2, 3]))""",
     """\
function process(items) {
  const results = [];
  for (const item of items) results.push(item);
  return results;
}

console.log(process([1, 2, 3]));""")


def task_for(prompt: str) -> Task:
    """The first task whose words the prompt uses (any sorting: quicksort), else the starting point."""
    lowered = prompt.lower()
    fallback = TASKS[0] if "sort" in lowered or "排序" in lowered else START
    return next((t for t in TASKS if any(key in lowered for key in t.keys)), fallback)


def answer(prompt: str, language: str, zh: bool) -> str:
    """A short answer with the program in a fenced block (`language`: python or javascript)."""
    task = task_for(prompt)
    shown = "JavaScript" if language == "javascript" else "Python"
    if zh:
        intro = f"下面是{task.name_zh}（{shown}）：" if task is START else f"下面是用 {shown} 实现的{task.name_zh}："
    else:
        intro = f"Here's a small starting point in {shown} that you can adapt:" if task is START else \
            f"Here's {task.name_en} in {shown}:"
    return f"{intro}\n\n```{language}\n{getattr(task, language)}\n```\n\n{task.how_zh if zh else task.how_en}"
