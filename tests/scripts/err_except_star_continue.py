# continue may not leave an except* clause either (a loop inside is fine).
for i in range(3):
    try:
        pass
    except* ValueError:
        for j in range(2):
            continue
        continue
