"""What the keyword workload says and who says it: class names, the unknown-word list, and the
espeak-ng voices and variants with their split into train/validation/test speakers."""

# MLPerf Tiny kws01 class order (dut-protocol.md section 11): indices match MLPerf datasets.
KEYWORDS = ("down", "go", "left", "no", "off", "on", "right", "stop", "up", "yes")
CLASS_NAMES = KEYWORDS + ("silence", "unknown")
SILENCE = 10
UNKNOWN = 11

# Everyday English words standing in for Speech Commands' "unknown" class. Its 25 auxiliary
# words come first; the rest add near-misses of the keywords (dawn, going, lift, note, often,
# one, bright, top, cup, yet...). Homophones of a keyword (know, write, rite) are left out: no
# front end can tell them apart.
UNKNOWN_WORDS = (
    "backward", "bed", "bird", "cat", "dog", "eight", "five", "follow", "forward", "four",
    "happy", "house", "learn", "marvin", "nine", "one", "seven", "sheila", "six", "three",
    "tree", "two", "visual", "wow", "zero",
    "dawn", "town", "brown", "crown", "sound", "gold", "goat", "going", "ghost", "lift",
    "left-hand", "lend", "less", "let", "note", "nose", "now", "often", "office",
    "awful", "own", "only", "under", "bright", "night", "light", "ride", "fright", "top",
    "step", "shop", "spot", "stock", "cup", "open", "upper", "yet", "yeah", "yellow",
    "guess", "bus", "dress", "apple", "banana", "chair", "table", "window", "water", "paper",
    "music", "river", "mountain", "garden", "kitchen", "silver", "orange", "purple", "green",
    "black", "white", "summer", "winter", "morning", "evening", "coffee", "sugar", "bottle",
    "pencil", "rocket", "monkey", "tiger", "rabbit", "horse", "mouse", "fish", "cloud", "rain",
    "snow", "wind", "fire", "stone", "sand", "hello", "thanks", "please", "sorry", "maybe",
    "never", "always", "quick", "slow", "small", "large", "lucky", "hungry", "tired",
    "button", "camera", "phone", "radio", "doctor", "teacher", "pilot", "farmer",
    "bridge", "castle", "island", "forest", "market", "ticket", "basket", "jacket", "pocket",
    "number", "letter", "picture", "minute", "second", "hour", "today", "tomorrow", "again",
)

# Non-keyword sentences for the babble noise (several speakers talking over each other).
BABBLE_SENTENCES = (
    "the weather was rather cold this morning so we stayed inside",
    "she bought three apples and a loaf of bread at the market",
    "could you pass me the salt and the pepper please",
    "the train to the city leaves from platform seven every hour",
    "my brother plays the guitar in a small band",
    "they painted the kitchen a pale shade of yellow",
    "we watched a film about sailors and their ships",
    "the children were laughing in the garden after lunch",
    "I think the meeting has been moved to thursday afternoon",
    "there is a new bakery near the library",
    "he forgot his umbrella at the office again",
    "the museum opens at ten and closes at six",
    "a cup of tea would be lovely thank you",
    "the river flows slowly past the old mill",
    "our neighbours have a very friendly cat",
    "please remember to water the plants while I am away",
)

# English voices of espeak-ng 1.51 (gmw/ family: accents). The mbrola voices need the mbrola
# program, which Debian does not install with espeak-ng.
VOICES = ("en", "en-us", "en-gb-scotland", "en-gb-x-gbclan", "en-gb-x-rp", "en-gb-x-gbcwmd",
          "en-029", "en-us-nyc")

# espeak-ng 1.51 voice variants (espeak-ng-data/voices/!v). Each changes formants, pitch range,
# breathiness or timbre. Left out: "fast" (only changes speed), "Mr serious" (a space in its
# name) and RicishayMax/2/3 (echoes so long that words run into each other).
VARIANTS = (
    "Alex", "Alicia", "Andrea", "Andy", "Annie", "AnxiousAndy", "Demonic", "Denis", "Diogo",
    "Gene", "Gene2", "Henrique", "Hugo", "Jacky", "Lee", "Marco", "Mario", "Michael", "Mike",
    "Nguyen", "Storm", "Tweaky", "UniRobot",
    "adam", "anika", "anikaRobot", "announcer", "antonio", "aunty", "belinda", "benjamin",
    "boris", "caleb", "croak", "david", "ed", "edward", "edward2", "f1", "f2", "f3", "f4", "f5",
    "grandma", "grandpa", "gustave", "iven", "iven2", "iven3", "iven4", "john", "kaukovalta",
    "klatt", "klatt2", "klatt3", "klatt4", "klatt5", "klatt6", "linda", "m1", "m2", "m3", "m4",
    "m5", "m6", "m7", "m8", "marcelo", "max", "michel", "miguel", "norbert", "pablo", "paul",
    "pedro", "quincy", "rob", "robert", "robosoft", "robosoft2", "robosoft3", "robosoft4",
    "robosoft5", "robosoft6", "robosoft7", "robosoft8", "sandro", "shelby", "steph", "steph2",
    "steph3", "travis", "victor", "whisper", "whisperf", "zac",
)

SPLITS = ("train", "val", "test")
# Share of the variants each split gets: speakers (variant timbres) never cross splits.
SPLIT_FRACTIONS = (0.70, 0.10, 0.20)


def split_variants(rng):
    """Shuffle VARIANTS with rng and cut them into train/val/test lists (SPLIT_FRACTIONS)."""
    order = rng.permutation(len(VARIANTS))
    n_train = int(round(SPLIT_FRACTIONS[0] * len(VARIANTS)))
    n_val = int(round(SPLIT_FRACTIONS[1] * len(VARIANTS)))
    picked = [VARIANTS[i] for i in order]
    return {"train": picked[:n_train], "val": picked[n_train:n_train + n_val],
            "test": picked[n_train + n_val:]}
