x = '\N{DASH'
